package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.SendReservation.DuplicateContentRule;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ConditionalSignal;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.send.CustomerServiceWindow;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.domain.send.RefusalReason;
import hub.gateway.domain.suppression.SuppressionReason;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Exact limits across nodes: the reservations that arrive on a node while a call is in flight go together into the
 * next round trip to {@code send_gate_reserve_all} (R__reserve_quota.sql), one statement and one commit for all of
 * them. It locks the quota rows of the group's instances once, in the order of their ids, and, for each reservation in
 * arrival order, checks the recipient's suppression and, when the send needs it, their customer-service window, the
 * conditional signals, duplicate content and the limits, so reservations of one instance are serialised by PostgreSQL
 * itself, within a group and across nodes.
 *
 * <p>The function takes a jsonb array of documents with named fields, flat where every send has them (the function
 * types them all at once with jsonb_to_recordset), built here, one a reservation:
 * <pre>{@code
 * {"ord" (its place in the array), "account", "instance", "recipient", "purpose", "idempotency_key" (absent: none),
 *  "suppressed_by": ["blocked", ...],
 *  "open_window_since" (absent: the send needs no open window),
 *  "minute_limit", "day_limit", "month_limit", "window_minute", "window_day", "window_month", "at",
 *  "score", "action", "signals": [{"name", "weight", "evidence"}, ...]   (the assessment),
 *  "fingerprint", "max_other_recipients", "duplicate_since",
 *  "duplicate_content": {"violation": {"score", "action", "signals"}, "violations_since", "violations_min_score"}
 *                       (these four absent: step 9 switched off),
 *  "conditional": {"signals": [{"signal": {"name", "weight", "evidence"}, "when": "recipient_never_wrote"
 *                               | "host_new", "host", "seen_before"}, ...], "block_score", "violations_since",
 *                  "violations_min_score", "hosts_to_record": [...]}  (absent: the text links nowhere),
 *  "logged": {"suppressed", "window_closed", "violation", "minute", "day", "month"}  (the log's spellings)}
 * }</pre>
 * and answers in the domain's words; the error names of the log rows it writes are its own (see its header).
 */
final class PgSendGate implements SendGate {
    private static final JsonBuilderFactory JSON = StoredSignals.JSON;
    private static final JsonGeneratorFactory GENERATORS = jakarta.json.Json.createGeneratorFactory(java.util.Map.of());
    private static final String RESERVE = """
            select ord, outcome, time_window, quota_limit, used, log_id, violations, minute_used, day_used, month_used,
                   held
              from send_gate_reserve_all(cast(? as jsonb))
            """;
    /** The most reservations one call takes: enough for every client of a busy node, small enough for one statement. */
    static final int LARGEST_GROUP = 256;

    private final Database db;
    private final Consumer<InstanceId> deliveryFailed;
    private final GroupedCalls<SendReservation, GateOutcome> grouped;

    /**
     * @param deliveryFailed told of the instance whose send failed and was given back (its risk facts changed)
     * @param groupSizes     told how many reservations each call to the database held
     */
    PgSendGate(Database db, Consumer<InstanceId> deliveryFailed, java.util.function.IntConsumer groupSizes) {
        this.db = db;
        this.deliveryFailed = deliveryFailed;
        this.grouped = new GroupedCalls<>(this::reserveAll, LARGEST_GROUP, groupSizes);
    }

    /**
     * Reservations that arrive while a call is in flight go together into the next one ({@link GroupedCalls}): one
     * statement, one transaction, one WAL flush for all, each judged as it would be alone, in arrival order.
     */
    @Override
    public GateOutcome reserve(SendReservation reservation) {
        return grouped.call(reservation);
    }

    private List<GateOutcome> reserveAll(List<SendReservation> reservations) {
        String input = input(reservations);
        GateOutcome[] outcomes = new GateOutcome[reservations.size()];
        db.run(exec -> {
            try (Stream<DbRow> rows = exec.query(RESERVE, input)) {
                rows.forEach(row -> outcomes[Columns.intValue(row, "ord")] = outcome(row));
            }
        });
        for (GateOutcome outcome : outcomes) {
            if (outcome == null) {
                throw new IllegalStateException("send_gate_reserve_all answered " + reservations.size() + " sends in part");
            }
        }
        return List.of(outcomes);
    }

    private static GateOutcome outcome(DbRow row) {
        String outcome = Columns.string(row, "outcome");
        long logId = Columns.longValue(row, "log_id");
        return switch (outcome) {
            case "reserved" -> new GateOutcome.Reserved(logId, usage(row));
            case "suppressed" -> new GateOutcome.Suppressed(logId);
            case "window_closed" -> new GateOutcome.WindowClosed(logId);
            case "duplicate_content" -> new GateOutcome.DuplicateContent(Columns.intValue(row, "used"),
                    Columns.intValue(row, "violations"), logId);
            case "risk_confirmed" -> new GateOutcome.RiskConfirmed(Columns.intValue(row, "held"),
                    Columns.intValue(row, "violations"), logId);
            case "exhausted" -> new GateOutcome.Exhausted(window(Columns.string(row, "time_window")),
                    Columns.intValue(row, "quota_limit"), Columns.intValue(row, "used"), logId, usage(row));
            default -> throw new IllegalStateException("send_gate_reserve_all answered an unknown outcome: " + outcome);
        };
    }

    /** The counts after the send, which the gate answers with a reserved or an exhausted outcome. */
    private static Usage usage(DbRow row) {
        return new Usage(Columns.intValue(row, "minute_used"), Columns.intValue(row, "day_used"),
                Columns.intValue(row, "month_used"));
    }

    /** How the gate's refusals are spelled in message_log.error: built once from the one table of spellings. */
    private static final JsonObject LOGGED = JSON.createObjectBuilder()
            .add("suppressed", LoggedReasons.of(RefusalReason.RECIPIENT_SUPPRESSED))
            .add("window_closed", LoggedReasons.of(RefusalReason.WINDOW_CLOSED))
            .add("violation", LoggedReasons.of(RefusalReason.POLICY_VIOLATION))
            .add("minute", LoggedReasons.of(RefusalReason.MINUTE_LIMIT_REACHED))
            .add("day", LoggedReasons.of(RefusalReason.DAILY_LIMIT_REACHED))
            .add("month", LoggedReasons.of(RefusalReason.MONTHLY_LIMIT_REACHED))
            .build();

    /**
     * The function's argument, written as it is built: a streaming generator, not a tree of builders made and then
     * printed, since every send of the node passes here (docs/performance.md).
     */
    static String input(List<SendReservation> reservations) {
        StringWriter text = new StringWriter(600 * reservations.size());
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartArray();
            for (int i = 0; i < reservations.size(); i++) {
                input(json, i, reservations.get(i));
            }
            json.writeEnd();
        }
        return text.toString();
    }

    private static void input(JsonGenerator json, int ord, SendReservation reservation) {
        SendReservation.Send send = reservation.send();
        UsageWindows windows = reservation.windows();
        RiskAssessment assessment = reservation.assessment();
        json.writeStartObject()
                .write("ord", ord)
                .write("account", send.account().value())
                .write("instance", send.instance().value())
                .write("recipient", send.recipient().e164())
                .write("purpose", send.purpose().wireName())
                .writeStartArray("suppressed_by");
        for (SuppressionReason reason : reservation.suppressedBy()) {
            json.write(reason.wireName());
        }
        json.writeEnd()
                .write("minute_limit", reservation.limits().perMinute())
                .write("day_limit", reservation.limits().daily())
                .write("month_limit", reservation.limits().monthly())
                .write("window_minute", windows.minuteStart().toString())
                .write("window_day", windows.day().toString())
                .write("window_month", windows.monthStart().toString())
                .write("at", windows.now().toString())
                .write("score", assessment.score())
                .write("action", assessment.action().wireName());
        signals(json.writeKey("signals"), assessment.signals());
        json.write("logged", LOGGED);
        send.idempotencyKey().ifPresent(key -> json.write("idempotency_key", key));
        if (reservation.needsOpenWindow()) {
            json.write("open_window_since", CustomerServiceWindow.openIfWrittenAfter(windows.now()).toString());
        }
        reservation.duplicateContent().ifPresent(rule -> {
            json.write("fingerprint", rule.fingerprint().value())
                    .write("max_other_recipients", rule.maxOtherRecipients())
                    .write("duplicate_since", windows.now().minus(rule.window()).toString());
            duplicateContent(json.writeKey("duplicate_content"), rule, windows.now());
        });
        reservation.conditionalRisk().ifPresent(risk -> conditional(json.writeKey("conditional"), risk, windows.now()));
        json.writeEnd();
    }

    private static void conditional(JsonGenerator json, SendReservation.ConditionalRisk risk, Instant now) {
        json.writeStartObject().writeStartArray("signals");
        for (ConditionalSignal signal : risk.signals()) {
            json.writeStartObject();
            signal(json.writeKey("signal"), signal.signal());
            switch (signal.condition()) {
                case ConditionalSignal.RecipientNeverWrote ignored -> json.write("when", "recipient_never_wrote");
                case ConditionalSignal.HostNew host -> json.write("when", "host_new").write("host", host.host())
                        .write("seen_before", now.minus(host.age()).toString());
            }
            json.writeEnd();
        }
        json.writeEnd().writeStartArray("hosts_to_record");
        risk.hostsToRecord().stream().sorted().forEach(json::write);
        json.writeEnd()
                .write("block_score", risk.blockScore())
                .write("violations_since", now.minus(risk.counted().window()).toString())
                .write("violations_min_score", risk.counted().certainScore())
                .writeEnd();
    }

    /** What the gate records when it refuses the text for duplicate content. */
    private static void duplicateContent(JsonGenerator json, DuplicateContentRule rule, Instant now) {
        json.writeStartObject();
        assessment(json.writeKey("violation"), rule.violation());
        json.write("violations_since", now.minus(rule.counted().window()).toString())
                .write("violations_min_score", rule.counted().certainScore())
                .writeEnd();
    }

    /** An assessment, its signals as {@link StoredSignals} stores them. */
    private static void assessment(JsonGenerator json, RiskAssessment assessment) {
        json.writeStartObject()
                .write("score", assessment.score())
                .write("action", assessment.action().wireName());
        signals(json.writeKey("signals"), assessment.signals());
        json.writeEnd();
    }

    private static void signals(JsonGenerator json, List<RiskSignal> signals) {
        json.writeStartArray();
        for (RiskSignal signal : signals) {
            signal(json, signal);
        }
        json.writeEnd();
    }

    private static void signal(JsonGenerator json, RiskSignal signal) {
        json.writeStartObject()
                .write("name", signal.name())
                .write("weight", signal.weight())
                .write("evidence", signal.evidence())
                .writeEnd();
    }

    private static GateOutcome.Window window(String window) {
        return switch (window) {
            case "minute" -> GateOutcome.Window.MINUTE;
            case "day" -> GateOutcome.Window.DAY;
            case "month" -> GateOutcome.Window.MONTH;
            default -> throw new IllegalStateException("send_gate_reserve answered an unknown window: " + window);
        };
    }

    /**
     * One upsert through the primary key, keeping the latest moment: a re-delivered or late webhook writes nothing
     * (the WHERE leaves the row as it is, so no new row version either).
     */
    @Override
    public void recipientWrote(InstanceId instanceId, PhoneNumber recipient, Instant at) {
        db.run(exec -> exec.createDmlStatement("""
                        insert into customer_service_window as w (instance_id, phone, last_wrote_at)
                        values (:instance, :phone, cast(:at as timestamptz))
                        on conflict (instance_id, phone) do update
                           set last_wrote_at = greatest(w.last_wrote_at, excluded.last_wrote_at)
                         where w.last_wrote_at < excluded.last_wrote_at
                        """)
                .addParam("instance", instanceId.value())
                .addParam("phone", recipient.e164())
                .addParam("at", Columns.utc(at))
                .execute());
    }

    @Override
    public void giveBack(long logId, GiveBack reason, Instant at) {
        switch (reason) {
            case DELIVERY_FAILED -> deliveryFailed(logId, at);
            case DEADLINE_PASSED -> withdraw(logId);
        }
    }

    private void deliveryFailed(long logId, Instant at) {
        db.call(exec -> exec.get("""
                        select m.instance_id
                          from give_back_quota(?, cast(? as text), cast(? as timestamptz)) as given_back, message_log m
                         where m.id = ?
                        """, logId, LoggedReasons.of(RefusalReason.DELIVERY_FAILED), Columns.utc(at), logId))
                .ifPresent(row -> deliveryFailed.accept(new InstanceId(row.column("instance_id").getString())));
    }

    /**
     * One statement, so that the row and its counters change together: the row's update returns the windows it
     * was counted in (columns it leaves alone), and only counters still in those windows go down — the rule of
     * give_back_quota, without its 'failed' status and history entry.
     */
    private void withdraw(long logId) {
        db.run(exec -> exec.dml("""
                with withdrawn as (
                    update message_log
                       set status = 'refused', error = ?
                     where id = ? and status = 'accepted'
                    returning instance_id, counted_minute, counted_day, counted_month)
                update instance_quota q
                   set minute_used = case when q.minute_start = w.counted_minute then greatest(q.minute_used - 1, 0)
                                          else q.minute_used end,
                       day_used    = case when q.day_start = w.counted_day then greatest(q.day_used - 1, 0)
                                          else q.day_used end,
                       month_used  = case when q.month_start = w.counted_month then greatest(q.month_used - 1, 0)
                                          else q.month_used end
                  from withdrawn w
                 where q.instance_id = w.instance_id
                """, LoggedReasons.of(RefusalReason.DEADLINE_PASSED), logId));
    }

    @Override
    public Usage usage(InstanceId instanceId, UsageWindows windows) {
        return usage(Map.of(instanceId, windows)).get(instanceId);
    }

    /**
     * One statement for any number of instances, each counted in its own windows (one jsonb argument of
     * {@code [{"instance", "minute", "day", "month"}]}): a counter counts only in the window stored beside it.
     */
    @Override
    public Map<InstanceId, Usage> usage(Map<InstanceId, UsageWindows> windows) {
        JsonArrayBuilder asked = JSON.createArrayBuilder();
        windows.forEach((id, w) -> asked.add(JSON.createObjectBuilder()
                .add("instance", id.value())
                .add("minute", w.minuteStart().toString())
                .add("day", w.day().toString())
                .add("month", w.monthStart().toString())));
        Map<InstanceId, Usage> usage = new HashMap<>();
        windows.keySet().forEach(id -> usage.put(id, Usage.NONE));
        db.run(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select w.instance,
                                   case when q.minute_start = w.minute then q.minute_used else 0 end as minute,
                                   case when q.day_start = w.day then q.day_used else 0 end as day,
                                   case when q.month_start = w.month then q.month_used else 0 end as month
                              from jsonb_to_recordset(cast(:windows as jsonb))
                                       as w (instance text, minute timestamptz, day date, month date)
                              join instance_quota q on q.instance_id = w.instance
                            """)
                    .addParam("windows", asked.build().toString())
                    .execute()) {
                rows.forEach(row -> usage.put(new InstanceId(Columns.string(row, "instance")), new Usage(
                        Columns.intValue(row, "minute"), Columns.intValue(row, "day"), Columns.intValue(row, "month"))));
            }
        });
        return usage;
    }
}
