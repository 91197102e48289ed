package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.risk.BehaviourFacts;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.Duration;

/**
 * An instance's recent behaviour, answered from a cache: shares over dozens of sends move slowly, and the send
 * path then pays no round trip for them. What this node records itself — a failed delivery, an opt-out — is
 * seen by the next look-up ({@link #forget}, called by the adapters that write them); what other nodes record
 * is seen within {@link #MAX_STALENESS}. A delivery is every message the transport took,
 * whatever it reported since ('delivered', 'read'); a failure is a row whose status is 'failed', at send time
 * or reported later. The port passes no "now": windows end at this node's clock.
 *
 * <p>The message-log counts walk the instance's newest rows through message_log_recent (V1), the index the
 * client's message list uses, rather than indexes of their own: an index on status would cost every send an
 * entry and its "sent" update its HOT path (V6). The latest deliveries stop at the wanted number. The
 * recipients of the window are the rows after the newest one older than the window (ids grow with time), so
 * both scans cover the window's rows and no more; they run only for an instance with enough opt-outs for the
 * share to matter.
 */
final class PgRiskFacts implements RiskFacts {
    /** For changes made on other nodes; re-reading an instance's facts more often cost every send ~1% (docs/performance.md). */
    static final Duration MAX_STALENESS = Duration.ofSeconds(30);

    // The owner is a scalar subquery, not a join: the planner then treats it as a known value and walks
    // message_log_recent for this one instance (a join made it walk the whole table backwards by id).
    private static final String OWNER = "(select account_id from instance where id = ?)";
    private static final String FACTS = """
            with last as (
                select m.status from message_log m
                 where m.account_id = %1$s and m.instance_id = ?
                   and m.status in ('sent', 'delivered', 'read', 'failed')
                 order by m.id desc
                 limit ?),
            window_start as (
                select coalesce((select m.id from message_log m
                                  where m.account_id = %1$s and m.instance_id = ?
                                    and m.created_at <= cast(? as timestamptz)
                                  order by m.id desc
                                  limit 1), 0) as after_id),
            opt_outs as (
                select count(*) as n from suppression_audit
                 where instance_id = ? and action = 'added' and reason = 'recipient_requested_stop'
                   and at > cast(? as timestamptz))
            select (select count(*) from last) as deliveries,
                   (select count(*) from last where status = 'failed') as failures,
                   opt_outs.n as opt_outs,
                   -- A CASE runs its subquery only when the branch is taken.
                   case when opt_outs.n >= cast(? as integer) then
                       (select count(distinct m.phone) from message_log m, window_start
                         where m.account_id = %1$s and m.instance_id = ?
                           and m.id > window_start.after_id
                           and m.status in ('accepted', 'unknown', 'sent', 'delivered', 'read', 'failed')
                           and m.created_at > cast(? as timestamptz))
                   else 0 end as recipients
              from opt_outs
            """.formatted(OWNER);

    private final Database db;
    private final Clock clock;
    private final SharedLoads<InstanceId, Answer> cached = Caches.expiringAfter(MAX_STALENESS);

    PgRiskFacts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * A failure of the database propagates and leaves nothing cached; concurrent callers share one load. A
     * {@link #forget} during a load is not undone by it: the load's answer goes to those who asked before the
     * forget, and the next look-up reads afresh.
     */
    @Override
    public BehaviourFacts recentBehaviour(InstanceId instanceId, int lastDeliveries, Duration optOutWindow,
                                          int optOutsBeforeRecipients) {
        Answer answer = cached.getIfLoaded(instanceId);
        if (answer == null || !answer.query().asks(lastDeliveries, optOutWindow, optOutsBeforeRecipients)) {
            // Not cached, or cached for other parameters than the policy's (it never changes them): read afresh.
            Query query = new Query(instanceId, lastDeliveries, optOutWindow, optOutsBeforeRecipients);
            answer = cached.get(instanceId, id -> new Answer(query, load(query)));
            if (!answer.query().equals(query)) {
                Answer seen = answer;
                answer = new Answer(query, load(query));
                cached.putIfUnchanged(instanceId, seen, answer);
            }
        }
        return answer.facts();
    }

    /** The instance's behaviour changed on this node: its next look-up reads the database. */
    void forget(InstanceId instanceId) {
        cached.invalidate(instanceId);
    }

    private BehaviourFacts load(Query query) {
        String instance = query.instanceId().value();
        Object since = Columns.utc(clock.instant().minus(query.window()));
        return db.call(exec -> exec.get(FACTS, instance, instance, Math.max(0, query.lastDeliveries()),
                        instance, instance, since, instance, since, query.optOutsBeforeRecipients(), instance, instance,
                        since))
                .map(PgRiskFacts::facts)
                .orElseThrow(() -> new IllegalStateException("a count returned no row"));
    }

    private static BehaviourFacts facts(DbRow row) {
        return new BehaviourFacts(Columns.intValue(row, "deliveries"), Columns.intValue(row, "failures"),
                Columns.intValue(row, "opt_outs"), Columns.intValue(row, "recipients"));
    }

    private record Query(InstanceId instanceId, int lastDeliveries, Duration window, int optOutsBeforeRecipients) {
        /** Compared field by field: the send path asks on every send, and a cache hit should cost no more. */
        boolean asks(int otherLastDeliveries, Duration otherWindow, int otherOptOutsBeforeRecipients) {
            return lastDeliveries == otherLastDeliveries && optOutsBeforeRecipients == otherOptOutsBeforeRecipients
                    && window.equals(otherWindow);
        }
    }

    /** Keyed by instance, so that one instance's entry can be forgotten; the parameters are the policy's. */
    private record Answer(Query query, BehaviourFacts facts) {
    }
}
