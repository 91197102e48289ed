package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.QuotaLedger;
import hub.gateway.application.port.out.QuotaLedger.DuplicateContentCheck;
import hub.gateway.domain.RefusalReason;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.QuotaOutcome;
import hub.gateway.domain.QuotaOutcome.Window;
import hub.gateway.domain.RiskAssessment;
import hub.gateway.domain.SuppressionReason;
import hub.gateway.domain.Usage;
import hub.gateway.domain.UsageWindows;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Exact limits across nodes: each call is one round trip to a database function (R__reserve_quota.sql) that checks
 * the recipient's suppression, then locks the instance's quota row and, under that lock, checks duplicate
 * content and the limits, so reservations of one instance are serialised by PostgreSQL itself. A reserved send
 * records its content fingerprint and, when it scored above 0, its risk assessment, in the same call, and links
 * its log row to the request's Idempotency-Key claim, if it has one.
 */
final class PgQuotaLedger implements QuotaLedger {
    private static final String RESERVED = "reserved";
    private static final String DUPLICATE_CONTENT = "duplicate_content";
    private static final String SUPPRESSED = LoggedReasons.of(RefusalReason.RECIPIENT_SUPPRESSED);

    private final Database db;
    private final Consumer<InstanceId> deliveryFailed;

    /** @param deliveryFailed told of the instance whose send failed and was given back (its risk facts changed) */
    PgQuotaLedger(Database db, Consumer<InstanceId> deliveryFailed) {
        this.db = db;
        this.deliveryFailed = deliveryFailed;
    }

    @Override
    public QuotaOutcome reserve(Reservation reservation) {
        DbRow row = db.call(exec -> exec.get("""
                        select outcome, quota_limit, used, log_id
                          from reserve_quota(cast(? as text), cast(? as text), cast(? as text), cast(? as text),
                                             cast(? as integer), cast(? as integer), cast(? as integer),
                                             cast(? as timestamptz), cast(? as date), cast(? as date),
                                             cast(? as timestamptz), string_to_array(cast(? as text), ','),
                                             cast(? as bigint), cast(? as integer), cast(? as timestamptz),
                                             cast(? as integer), cast(? as text),
                                             cast(? as text), cast(? as text), cast(? as text),
                                             cast(? as text))
                        """, parameters(reservation)))
                .orElseThrow(() -> new IllegalStateException("reserve_quota returned no row"));
        String outcome = Columns.string(row, "outcome");
        if (DUPLICATE_CONTENT.equals(outcome)) {
            return new QuotaOutcome.DuplicateContent(Columns.intValue(row, "used"));
        }
        long logId = Columns.longValue(row, "log_id");
        if (RESERVED.equals(outcome)) {
            return new QuotaOutcome.Reserved(logId);
        }
        if (SUPPRESSED.equals(outcome)) {
            return new QuotaOutcome.Suppressed(logId);
        }
        return new QuotaOutcome.Exhausted(windowRefusedBy(outcome), Columns.intValue(row, "quota_limit"),
                Columns.intValue(row, "used"), logId);
    }

    private static Object[] parameters(Reservation reservation) {
        UsageWindows windows = reservation.windows();
        DuplicateContentCheck duplicates = reservation.duplicateContent();
        RiskAssessment assessment = reservation.assessment();
        Object[] reserve = {
                reservation.instanceId().value(), reservation.accountId().value(), reservation.phone().e164(),
                reservation.purpose().wireName(),
                reservation.limits().perMinute(), reservation.limits().daily(), reservation.limits().monthly(),
                Columns.utc(windows.minuteStart()), windows.day(), windows.monthStart(), Columns.utc(windows.now()),
                blockingReasons(reservation),
                duplicates.fingerprint().value(), duplicates.maxOtherRecipients(),
                Columns.utc(windows.now().minus(duplicates.window())),
                assessment.score(), assessment.action().wireName()};
        return Stream.of(Stream.of(reserve), Stream.of(StoredSignals.of(assessment.signals()).parameters()),
                        Stream.of(reservation.idempotencyKey().orElse(null)))
                .flatMap(s -> s)
                .toArray();
    }

    @Override
    public void giveBack(long logId, RefusalReason reason, Instant at) {
        db.call(exec -> exec.get("""
                        select m.instance_id
                          from give_back_quota(?, cast(? as text), cast(? as timestamptz)) as given_back, message_log m
                         where m.id = ?
                        """, logId, LoggedReasons.of(reason), Columns.utc(at), logId))
                .ifPresent(row -> deliveryFailed.accept(new InstanceId(row.column("instance_id").getString())));
    }

    /**
     * One statement, so that the row and its counters change together: the row's update returns the windows it
     * was counted in (columns it leaves alone), and only counters still in those windows go down — the rule of
     * give_back_quota (V1), without its 'failed' status and history entry.
     */
    @Override
    public void withdraw(long logId) {
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
        return db.call(exec -> exec.get("""
                        select case when minute_start = cast(? as timestamptz) then minute_used else 0 end as minute,
                               case when day_start = cast(? as date) then day_used else 0 end as day,
                               case when month_start = cast(? as date) then month_used else 0 end as month
                          from instance_quota
                         where instance_id = ?
                        """,
                Columns.utc(windows.minuteStart()), windows.day(), windows.monthStart(), instanceId.value()))
                .map(row -> new Usage(Columns.intValue(row, "minute"), Columns.intValue(row, "day"),
                        Columns.intValue(row, "month")))
                .orElse(Usage.NONE);
    }

    /**
     * Joined with commas and split again in SQL: wire names never contain one, and a text parameter binds the
     * same way through every DbClient version, where a Java array's binding is the driver's guess.
     */
    private static String blockingReasons(Reservation reservation) {
        return reservation.blockingReasons().stream().map(SuppressionReason::wireName).sorted()
                .collect(Collectors.joining(","));
    }

    private static Window windowRefusedBy(String outcome) {
        return switch (LoggedReasons.parse(outcome)) {
            case MINUTE_LIMIT_REACHED -> Window.MINUTE;
            case DAILY_LIMIT_REACHED -> Window.DAY;
            case MONTHLY_LIMIT_REACHED -> Window.MONTH;
            default -> throw new IllegalStateException("reserve_quota answered an unknown outcome: " + outcome);
        };
    }
}
