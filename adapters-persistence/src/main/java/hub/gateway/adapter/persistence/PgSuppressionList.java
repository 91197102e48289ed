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
import java.util.List;
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
