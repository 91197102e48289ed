package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.risk.RepeatedViolationsRule;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.RefusalReason;
import hub.gateway.domain.webhook.ClientEvent.InstancePausedForReview;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Violations and review pauses, each ONE statement of data-modifying CTEs, so that a log row never lands
 * without its risk event, nor a pause without its risk event and client event.
 */
final class PgRiskLedger implements RiskLedger {
    /**
     * The sibling select runs on the statement's snapshot, which does not hold the new risk event: it is
     * counted from the CTE's own returned row instead. Two violations committing at the same moment may each
     * miss the other; the next one counts both, which is close enough for a pause threshold. Only violations
     * scored at least the rule's certain score count towards the pause (contract §6).
     */
    private static final String VIOLATION = """
            with logged as (
                insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
                values (?, ?, ?, ?, 'refused', ?, ?)
                returning id, instance_id, created_at),
            recorded as (
                insert into risk_event (instance_id, at, score, action, signals, log_id)
                select instance_id, created_at, ?, ?, %s, id from logged
                returning action, score)
            select (select count(*) from risk_event
                     where instance_id = ? and action = 'block' and at > cast(? as timestamptz) and score >= ?)
                 + (select count(*) from recorded where action = 'block' and score >= ?) as violations
            """.formatted(StoredSignals.JSONB_SQL);

    private static final String PAUSE = """
            with changed as (
                update instance set status = ?, updated_at = cast(? as timestamptz),
                                    status_changed_at = cast(? as timestamptz)
                 where id = ? and status = ?
                returning id, name),
            recorded as (
                insert into risk_event (instance_id, at, score, action, signals)
                select id, cast(? as timestamptz), ?, ?, %s from changed),
            evented as (
            %s)
            select count(*) as changed from changed
            """.formatted(StoredSignals.JSONB_SQL, StoredEvent.insertIfChanged("changed", "(select name from changed)"));

    private static final String RECENT = """
            select id, at, score, action, log_id, %s
              from risk_event
             where instance_id = ?
             order by id desc
             limit ?
            """.formatted(StoredSignals.columns("signals"));

    private final Database db;
    private final Consumer<InstanceId> forgetCachedInstance;

    /** @param forgetCachedInstance makes this node's instance cache see a pause at once */
    PgRiskLedger(Database db, Consumer<InstanceId> forgetCachedInstance) {
        this.db = db;
        this.forgetCachedInstance = forgetCachedInstance;
    }

    @Override
    public int recordViolation(Violation violation, RepeatedViolationsRule counted) {
        RiskAssessment assessment = violation.assessment();
        Object[] logged = {violation.accountId().value(), violation.instanceId().value(), violation.phone(),
                violation.purpose(), LoggedReasons.of(RefusalReason.POLICY_VIOLATION), Columns.utc(violation.at()),
                assessment.score(), assessment.action().wireName()};
        Object[] counting = {violation.instanceId().value(), Columns.utc(violation.at().minus(counted.window())),
                counted.certainScore(), counted.certainScore()};
        long violations = db.call(exec -> exec.get(VIOLATION,
                        concat(logged, StoredSignals.of(assessment.signals()).parameters(), counting)))
                .map(row -> Columns.longValue(row, "violations"))
                .orElseThrow(() -> new IllegalStateException("a count returned no row"));
        return Math.toIntExact(violations);
    }

    /** The event's name is the instance row's own, read by the same statement that pauses it. */
    @Override
    public boolean pauseForReview(InstanceId instanceId, RiskAssessment assessment, Instant at) {
        Object[] paused = {InstanceStatus.PAUSED_FOR_REVIEW.wireName(), Columns.utc(at), Columns.utc(at), instanceId.value(),
                InstanceStatus.ACTIVE.wireName(), Columns.utc(at), assessment.score(),
                RiskAction.PAUSE_INSTANCE.wireName()};
        // No name here: the statement takes it from the row it pauses (insertParametersWithoutName).
        StoredEvent event = StoredEvent.of(InstancePausedForReview.byRules(instanceId, null, assessment.score(),
                assessment.signals(), at));
        try {
            long changed = db.call(exec -> exec.get(PAUSE, concat(paused,
                            StoredSignals.of(assessment.signals()).parameters(), event.insertParametersWithoutName())))
                    .map(row -> Columns.longValue(row, "changed"))
                    .orElseThrow(() -> new IllegalStateException("a count returned no row"));
            return changed == 1;
        } finally {
            forgetCachedInstance.accept(instanceId);
        }
    }

    @Override
    public List<RiskEvent> recent(InstanceId instanceId, int limit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(RECENT, instanceId.value(), Math.max(0, limit))) {
                return rows.map(PgRiskLedger::riskEvent).toList();
            }
        });
    }

    /**
     * One statement for the page: each instance's newest events at or before its moment, through risk_event_recent
     * (V3), given as one jsonb argument of {@code [{"instance", "at"}]}.
     */
    @Override
    public Map<InstanceId, List<RiskEvent>> leadingTo(Map<InstanceId, Instant> moments, int perInstance) {
        JsonArrayBuilder asked = StoredSignals.JSON.createArrayBuilder();
        moments.forEach((id, at) -> asked.add(StoredSignals.JSON.createObjectBuilder()
                .add("instance", id.value())
                .add("at", at.toString())));
        Map<InstanceId, List<RiskEvent>> events = new LinkedHashMap<>();
        moments.keySet().forEach(id -> events.put(id, new ArrayList<>()));
        db.run(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select w.instance, e.id, e.at, e.score, e.action, e.log_id, %s
                              from jsonb_to_recordset(cast(:moments as jsonb)) as w (instance text, at timestamptz)
                              cross join lateral (select r.* from risk_event r
                                                   where r.instance_id = w.instance and r.at <= w.at
                                                   order by r.id desc
                                                   limit :per_instance) e
                             order by w.instance, e.id desc
                            """.formatted(StoredSignals.columns("e.signals")))
                    .addParam("moments", asked.build().toString())
                    .addParam("per_instance", Math.max(0, perInstance))
                    .execute()) {
                rows.forEach(row -> events.get(new InstanceId(Columns.string(row, "instance"))).add(riskEvent(row)));
            }
        });
        events.replaceAll((id, list) -> List.copyOf(list));
        return events;
    }

    private static RiskEvent riskEvent(DbRow row) {
        RiskAssessment assessment = new RiskAssessment(Columns.intValue(row, "score"),
                RiskAction.valueOf(Columns.string(row, "action").toUpperCase(Locale.ROOT)), StoredSignals.read(row));
        Optional<Long> logId = Optional.ofNullable(row.column("log_id").get(Object.class))
                .map(id -> ((Number) id).longValue());
        return new RiskEvent(Columns.longValue(row, "id"), Columns.instant(row, "at"), assessment, logId);
    }

    private static Object[] concat(Object[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray();
    }
}
