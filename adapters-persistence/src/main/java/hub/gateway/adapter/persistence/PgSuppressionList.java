package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Suppressions with their audit trail and client events. Each change is ONE statement of data-modifying
 * CTEs: the suppression row, then (only if that row changed) the audit row and the event. PostgreSQL runs a
 * statement atomically, so a change never lands without its audit row or event, nor they without it.
 */
final class PgSuppressionList implements SuppressionList {
    private static final String COLUMNS = "select instance_id, phone, reason, added_by, since from suppression";

    private static final String ADD = """
            with changed as (
                insert into suppression (instance_id, phone, reason, added_by, since)
                values (?, ?, ?, ?, ?)
                on conflict do nothing
                returning instance_id, phone, reason, added_by, since),
            audited as (
                insert into suppression_audit (instance_id, phone, action, reason, actor, at, note)
                select instance_id, phone, 'added', reason, added_by, since, cast(? as text) from changed),
            evented as (
            %s)
            select count(*) as changed from changed
            """.formatted(StoredEvent.insertIfChanged("changed"));

    private static final String LIFT = """
            with changed as (
                delete from suppression
                 where instance_id = ? and phone = ? and reason = ?
                returning instance_id, phone, reason),
            audited as (
                insert into suppression_audit (instance_id, phone, action, reason, actor, at, note)
                select instance_id, phone, 'lifted', reason, cast(? as text), cast(? as timestamptz), cast(? as text)
                  from changed),
            evented as (
            %s)
            select count(*) as changed from changed
            """.formatted(StoredEvent.insertIfChanged("changed"));

    private final Database db;
    private final Consumer<InstanceId> optedOut;

    /** @param optedOut told of the instance a recipient just opted out of (its risk facts changed) */
    PgSuppressionList(Database db, Consumer<InstanceId> optedOut) {
        this.db = db;
        this.optedOut = optedOut;
    }

    @Override
    public List<Suppression> find(InstanceId instanceId, PhoneNumber phone) {
        return read(COLUMNS + " where instance_id = ? and phone = ? order by since, reason",
                instanceId.value(), phone.e164());
    }

    @Override
    public List<Suppression> list(InstanceId instanceId, int limit) {
        return read(COLUMNS + " where instance_id = ? order by since desc, phone, reason limit ?",
                instanceId.value(), Math.max(0, limit));
    }

    /**
     * The page through suppression_recent (V2), then each entry's newest audit rows through
     * suppression_audit_recipient (V2), in one statement; the start of the list is "before infinity".
     */
    @Override
    public List<SuppressionHistory> withHistory(InstanceId instanceId, Optional<SuppressionPosition> after, int limit,
                                                int historyLimit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select s.instance_id, s.phone, s.reason, s.added_by, s.since, a.id as audit_id,
                                   a.action as audit_action, a.reason as audit_reason, a.actor as audit_actor,
                                   a.at as audit_at, a.note as audit_note
                              from (select * from suppression
                                     where instance_id = :instance
                                       and (since < cast(:since as timestamptz)
                                            or (since = cast(:since as timestamptz) and (phone, reason) > (:phone, :reason)))
                                     order by since desc, phone, reason
                                     limit :limit) s
                              left join lateral (select * from suppression_audit t
                                                  where t.instance_id = s.instance_id and t.phone = s.phone
                                                    and t.reason = s.reason
                                                  order by t.id desc
                                                  limit :history) a on true
                             order by s.since desc, s.phone, s.reason, a.id
                            """)
                    .addParam("instance", instanceId.value())
                    .addParam("since", after.map(p -> p.since().toString()).orElse("infinity"))
                    .addParam("phone", after.map(p -> p.phone().e164()).orElse(""))
                    .addParam("reason", after.map(p -> p.reason().wireName()).orElse(""))
                    .addParam("limit", Math.max(0, limit))
                    .addParam("history", Math.max(0, historyLimit))
                    .execute()) {
                Map<Suppression, List<HistoryEntry>> entries = new LinkedHashMap<>();
                rows.forEach(row -> {
                    List<HistoryEntry> history = entries.computeIfAbsent(suppression(row), s -> new ArrayList<>());
                    if (row.column("audit_id").get(Object.class) != null) {
                        history.add(new HistoryEntry(Columns.string(row, "audit_action"),
                                SuppressionReason.fromWireName(Columns.string(row, "audit_reason")),
                                Columns.string(row, "audit_actor"), Columns.instant(row, "audit_at"),
                                Columns.optionalString(row, "audit_note")));
                    }
                });
                return entries.entrySet().stream()
                        .map(e -> new SuppressionHistory(e.getKey(), e.getValue()))
                        .toList();
            }
        });
    }

    /** Through suppression_audit_opt_outs (V3). */
    @Override
    public long optOutsBetween(Instant from, Instant until) {
        return db.call(exec -> exec.createGet("""
                        select count(*) as opt_outs from suppression_audit
                         where action = 'added' and reason = 'recipient_requested_stop'
                           and at >= :from and at < :until
                        """)
                .addParam("from", Columns.utc(from))
                .addParam("until", Columns.utc(until))
                .execute())
                .map(row -> Columns.longValue(row, "opt_outs"))
                .orElse(0L);
    }

    @Override
    public boolean add(Suppression suppression, String note, Optional<ClientEvent> event) {
        Object[] change = {suppression.instanceId().value(), suppression.phone().e164(),
                suppression.reason().wireName(), suppression.by().wireName(), Columns.utc(suppression.since()), note};
        boolean added = changed(ADD, change, event);
        if (added && suppression.reason() == SuppressionReason.RECIPIENT_REQUESTED_STOP) {
            optedOut.accept(suppression.instanceId());
        }
        return added;
    }

    @Override
    public boolean lift(InstanceId instanceId, PhoneNumber phone, SuppressionReason reason, SuppressedBy liftedBy,
                        Instant at, String note, Optional<ClientEvent> event) {
        Object[] change = {instanceId.value(), phone.e164(), reason.wireName(), liftedBy.wireName(), Columns.utc(at),
                note};
        return changed(LIFT, change, event);
    }

    private boolean changed(String sql, Object[] change, Optional<ClientEvent> event) {
        Object[] parameters = Stream.concat(Stream.of(change), Stream.of(StoredEvent.insertParameters(event)))
                .toArray();
        long changed = db.call(exec -> exec.get(sql, parameters))
                .map(row -> Columns.longValue(row, "changed"))
                .orElseThrow(() -> new IllegalStateException("a count returned no row"));
        return changed == 1;
    }

    private List<Suppression> read(String sql, Object... parameters) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(sql, parameters)) {
                return rows.map(PgSuppressionList::suppression).toList();
            }
        });
    }

    private static Suppression suppression(DbRow row) {
        return new Suppression(
                new InstanceId(Columns.string(row, "instance_id")),
                new PhoneNumber(Columns.string(row, "phone")),
                SuppressionReason.fromWireName(Columns.string(row, "reason")),
                SuppressedBy.fromWireName(Columns.string(row, "added_by")),
                Columns.instant(row, "since"));
    }
}
