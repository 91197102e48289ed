package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.MessageLog;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.message.MessageRecord.StatusChange;
import hub.gateway.domain.message.MessageRecord;
import io.helidon.dbclient.DbRow;
import jakarta.json.JsonArrayBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The message log and its status history. The history lists what happened at the transport ('unknown', 'sent',
 * 'delivered', 'read', 'failed'), in the order the transport says it happened (then in the order recorded);
 * a request refused before the transport has an empty history, its outcome being the row's own
 * status and error. Reads return a row and its history in one round trip (a left join).
 */
final class PgMessageLog implements MessageLog {
    private static final String COLUMNS = """
            select m.id, m.message_id, m.instance_id, m.phone, m.message_purpose, m.status, m.error, m.created_at,
                   s.status as history_status, s.at as history_at
            """;

    private final Database db;
    private final Consumer<InstanceId> deliveryFailed;

    /** @param deliveryFailed told of the instance whose message the transport reported failed (its risk facts changed) */
    /** A send's marking after its transport took it: its log row, the transport's message id, when. */
    private record Marking(long logId, String messageId, Instant at) {
    }

    private final GroupedCalls<Marking, Boolean> markings;

    /** @param groupSizes told how many markings each call to the database held */
    PgMessageLog(Database db, Consumer<InstanceId> deliveryFailed, java.util.function.IntConsumer groupSizes) {
        this.db = db;
        this.deliveryFailed = deliveryFailed;
        this.markings = new GroupedCalls<>(this::markAllSent, PgSendGate.LARGEST_GROUP, groupSizes);
    }

    @Override
    public long recordRefusal(RefusedRequest request) {
        return db.call(exec -> exec.get("""
                        insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
                        values (?, ?, ?, ?, 'refused', ?, ?)
                        returning id
                        """,
                request.accountId().value(), request.instanceId(), request.phone().orElse(null),
                request.purpose().orElse(null), LoggedReasons.of(request.reason()), Columns.utc(request.at())))
                .map(row -> Columns.longValue(row, "id"))
                .orElseThrow(() -> new IllegalStateException("insert returned no id"));
    }

    /**
     * Only a row still 'accepted' becomes 'sent', so a repeated call adds no second history entry; or one the
     * limbo sweep made 'unknown' while a slow transport still had it. A row a delivery status reached first (matched
     * by the log id the send carried, see recordDeliveryStatus) keeps its status and the message id that status
     * stored: a status never moves backwards, and the row lock orders the two statements either way.
     */
    @Override
    public void markSent(long logId, String messageId, Instant at) {
        markings.call(new Marking(logId, messageId, at));
    }

    /**
     * The markings that arrive while one call is in flight, in one statement and one commit ({@link GroupedCalls}):
     * each row from 'accepted' or 'unknown' to 'sent' with its message id, and its history entry.
     */
    private List<Boolean> markAllSent(List<Marking> group) {
        JsonArrayBuilder marks = StoredSignals.JSON.createArrayBuilder();
        for (Marking marking : group) {
            marks.add(StoredSignals.JSON.createObjectBuilder()
                    .add("log_id", marking.logId())
                    .add("message_id", marking.messageId())
                    .add("at", Columns.utc(marking.at()).toString()));
        }
        // One probe of the primary key a marking (R__mark_sent.sql says why not one joined update).
        db.run(exec -> exec.get("select mark_sent_all(cast(? as jsonb))", marks.build().toString()));
        return java.util.Collections.nCopies(group.size(), Boolean.TRUE);
    }

    /**
     * Only from 'accepted': a row the sweep made 'unknown' already has its entry, and one a delivery status reached
     * first (while the transport's answer was lost) keeps what the status said.
     */
    @Override
    public void markOutcomeUnknown(long logId, Instant at) {
        db.run(exec -> exec.createUpdate("""
                        with marked as (
                            update message_log set status = 'unknown'
                             where id = :log_id and status = 'accepted'
                            returning id)
                        insert into message_status (log_id, status, at)
                        select id, 'unknown', :at from marked
                        on conflict (log_id, status) do nothing
                        """)
                .addParam("log_id", logId)
                .addParam("at", Columns.utc(at))
                .execute());
    }

    /**
     * One statement. The row is the newest one with that message id (message ids are the transport's, unique in
     * practice; found through the history entry that carries it, V6), or, when no row has it, the row the send named
     * ({@code sent_as}: the log id it carried to the transport), if it belongs to the instance the status came for
     * and has no message id yet (or that very one: a send marked while this statement waited for the row's lock) or
     * is 'unknown'; the message id is then stored on the row and on its history entry, so later statuses find it.
     * A report signed by one instance's own key ({@code reported_for}) moves only that instance's rows. The row is
     * locked; the history entry is added unless the unique index message_status_once (V4) already holds
     * that status for the row, and only then is the row updated. A 'failed' always wins and stores the error; any
     * other status only moves the row forward (sent < delivered < read), and nothing moves a row out of 'failed'.
     * The row's own status is ranked in SQL ('accepted' and 'unknown' lowest: any report moves them on); the
     * reported one is ranked here.
     */
    @Override
    public boolean recordDeliveryStatus(DeliveryReport report) {
        Optional<DbRow> changed = db.call(exec -> exec.createGet("""
                        with named as (
                            select s.log_id as id from message_status s
                             where s.message_id = cast(:message_id as text)
                               and (cast(:reported_for as text) is null
                                    or exists (select 1 from message_log r
                                                where r.id = s.log_id and r.instance_id = cast(:reported_for as text)))
                             order by s.log_id desc
                             limit 1),
                        target as (
                            select m.id, not exists (select 1 from named) as claimed from message_log m
                             where m.id = coalesce((select id from named), cast(:sent_as as bigint))
                               and (exists (select 1 from named)
                                    or (m.instance_id = cast(:instance_id as text)
                                        and (m.message_id is null or m.message_id = cast(:message_id as text)
                                             or m.status = 'unknown')))
                               for update of m),
                        added as (
                            insert into message_status (log_id, status, at, message_id)
                            select id, cast(:status as text), cast(:at as timestamptz),
                                   case when claimed then cast(:message_id as text) end
                              from target
                            on conflict (log_id, status) do nothing
                            returning log_id)
                        update message_log m
                           set status = case when cast(:rank as integer) > (case m.status
                                                                               when 'sent' then 1
                                                                               when 'delivered' then 2
                                                                               when 'read' then 3
                                                                               when 'failed' then 4
                                                                               else 0 end)
                                             then cast(:status as text) else m.status end,
                               error = case when cast(:status as text) = 'failed' then cast(:error as text)
                                            else m.error end,
                               message_id = coalesce(m.message_id, cast(:message_id as text))
                          from added
                         where m.id = added.log_id
                        returning m.instance_id
                        """)
                .addParam("message_id", report.providerMessageId())
                .addParam("sent_as", report.sentAs().map(MessageLog.SentAs::logId).orElse(null))
                .addParam("instance_id", report.sentAs().map(sentAs -> sentAs.instanceId().value()).orElse(null))
                .addParam("reported_for", report.reportedFor().map(InstanceId::value).orElse(null))
                .addParam("status", report.status().wireName())
                .addParam("at", Columns.utc(report.at()))
                .addParam("rank", rank(report.status()))
                .addParam("error", report.error().orElse(null))
                .execute());
        if (changed.isPresent() && report.status() == DeliveryStatus.FAILED) {
            deliveryFailed.accept(new InstanceId(changed.get().column("instance_id").getString()));
        }
        return changed.isPresent();
    }

    /** 'failed' outranks everything, so it always wins and nothing comes after it. */
    private static int rank(DeliveryStatus status) {
        return switch (status) {
            case SENT -> 1;
            case DELIVERED -> 2;
            case READ -> 3;
            case FAILED -> 4;
        };
    }

    @Override
    public Optional<MessageRecord> find(AccountId accountId, long logId) {
        return read(COLUMNS + """
                  from message_log m left join message_status s on s.log_id = m.id
                 where m.account_id = ? and m.id = ?
                 order by s.at, s.id
                """, accountId.value(), logId).stream().findFirst();
    }

    /** Through message_log_recent (V1), from the newest row or from below the cursor's. */
    @Override
    public List<MessageRecord> recent(AccountId accountId, InstanceId instanceId, Optional<Long> before, int limit) {
        return read(COLUMNS + """
                  from (select * from message_log
                         where account_id = ? and instance_id = ? and id < ?
                         order by id desc
                         limit ?) m
                  left join message_status s on s.log_id = m.id
                 order by m.id desc, s.at, s.id
                """, accountId.value(), instanceId.value(), before.orElse(Long.MAX_VALUE), Math.max(0, limit));
    }

    /**
     * One statement for the page of instances (one jsonb argument of {@code [{"account", "instance"}]}): each
     * instance's latest {@code scanned} rows through message_log_recent (V1), of which the refused ones.
     */
    @Override
    public Map<InstanceId, List<MessageRecord>> recentRefusals(Collection<Instance> instances, int scanned,
                                                               int perInstance) {
        JsonArrayBuilder asked = StoredSignals.JSON.createArrayBuilder();
        instances.forEach(i -> asked.add(StoredSignals.JSON.createObjectBuilder()
                .add("account", i.accountId().value())
                .add("instance", i.id().value())));
        Map<InstanceId, List<MessageRecord>> refusals = new LinkedHashMap<>();
        instances.forEach(i -> refusals.put(i.id(), new ArrayList<>()));
        List<MessageRecord> rows = db.call(exec -> {
            try (Stream<DbRow> found = exec.createQuery(COLUMNS + """
                              from jsonb_to_recordset(cast(:instances as jsonb)) as w (account text, instance text)
                              cross join lateral (select latest.*
                                                    from (select * from message_log
                                                           where account_id = w.account and instance_id = w.instance
                                                           order by id desc
                                                           limit :scanned) latest
                                                   where latest.status = 'refused'
                                                   order by latest.id desc
                                                   limit :per_instance) m
                              left join message_status s on s.log_id = m.id
                             order by m.id desc, s.at, s.id
                            """)
                    .addParam("instances", asked.build().toString())
                    .addParam("scanned", Math.max(0, scanned))
                    .addParam("per_instance", Math.max(0, perInstance))
                    .execute()) {
                return assemble(found);
            }
        });
        rows.forEach(r -> refusals.get(new InstanceId(r.instanceId())).add(r));
        refusals.replaceAll((id, list) -> List.copyOf(list));
        return refusals;
    }

    /**
     * Through message_log_created_brin (V12): only the block ranges written in the window are read, so the cost
     * follows the window's rows, not the table's (docs/performance.md). The outcomes are the domain's: which
     * statuses count as which is decided here, once.
     */
    @Override
    public List<HourOfSends> sendsByHour(Instant from, Instant until) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select cast(floor(extract(epoch from (created_at - :from)) / 3600) as integer) as hour,
                                   count(*) filter (where status in ('sent', 'delivered', 'read')) as sent,
                                   count(*) filter (where status = 'failed') as failed,
                                   count(*) filter (where status = 'refused') as refused,
                                   count(*) filter (where status in ('accepted', 'unknown')) as unknown
                              from message_log
                             where created_at >= :from and created_at < :until
                             group by 1
                             order by 1
                            """)
                    .addParam("from", Columns.utc(from))
                    .addParam("until", Columns.utc(until))
                    .execute()) {
                return rows.map(row -> new HourOfSends(from.plus(Columns.intValue(row, "hour"), ChronoUnit.HOURS),
                        Columns.longValue(row, "sent"), Columns.longValue(row, "failed"),
                        Columns.longValue(row, "refused"), Columns.longValue(row, "unknown"))).toList();
            }
        });
    }

    /** Through message_log_created_brin (V12), like {@link #sendsByHour}; a spelling no reason has is left out. */
    @Override
    public List<RefusalCount> refusalsByReason(Instant from, Instant until, int top) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select error, count(*) as refusals
                              from message_log
                             where created_at >= :from and created_at < :until and status = 'refused'
                             group by error
                             order by refusals desc, error
                             limit :top
                            """)
                    .addParam("from", Columns.utc(from))
                    .addParam("until", Columns.utc(until))
                    .addParam("top", Math.max(0, top))
                    .execute()) {
                return rows.flatMap(row -> Columns.optionalString(row, "error").flatMap(LoggedReasons::find)
                        .map(reason -> new RefusalCount(reason, Columns.longValue(row, "refusals"))).stream())
                        .toList();
            }
        });
    }

    private List<MessageRecord> read(String sql, Object... parameters) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(sql, parameters)) {
                return assemble(rows);
            }
        });
    }

    /** Rows arrive grouped by log id (the queries order by it), one per history entry. */
    private static List<MessageRecord> assemble(Stream<DbRow> rows) {
        Map<Long, Assembly> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId
                .computeIfAbsent(Columns.longValue(row, "id"), id -> new Assembly(row))
                .add(row));
        return byId.values().stream().map(Assembly::record).toList();
    }

    private static final class Assembly {
        private final DbRow first;
        private final List<StatusChange> history = new ArrayList<>();

        Assembly(DbRow first) {
            this.first = first;
        }

        void add(DbRow row) {
            Columns.optionalString(row, "history_status")
                    .ifPresent(status -> history.add(new StatusChange(status, Columns.instant(row, "history_at"))));
        }

        MessageRecord record() {
            return new MessageRecord(
                    Columns.longValue(first, "id"),
                    Columns.optionalString(first, "message_id"),
                    Columns.string(first, "instance_id"),
                    Columns.optionalString(first, "phone"),
                    Columns.optionalString(first, "message_purpose"),
                    Columns.string(first, "status"),
                    Columns.optionalString(first, "error"),
                    Columns.instant(first, "created_at"),
                    history);
        }
    }
}
