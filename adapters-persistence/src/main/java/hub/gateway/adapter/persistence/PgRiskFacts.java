package hub.gateway.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.domain.BehaviourFacts;
import hub.gateway.domain.InstanceId;
import io.helidon.dbclient.DbRow;

import java.time.Clock;
import java.time.Duration;

/**
 * An instance's recent behaviour, answered from a cache a few seconds old: shares over dozens of sends move
 * slowly, and the send path then pays no round trip for them. Each count reads a partial index of V3__risk.sql
 * (the message-log ones as V4 widened them). A delivery is every message the transport took, whatever it
 * reported since ('delivered', 'read'); a failure is a row whose status is 'failed', at send time or reported
 * later.
 * The port passes no "now": windows end at this node's clock.
 */
final class PgRiskFacts implements RiskFacts {
    static final Duration MAX_STALENESS = Duration.ofSeconds(5);

    private static final String FACTS = """
            with last as (
                select status from message_log
                 where instance_id = ? and status in ('sent', 'delivered', 'read', 'failed')
                 order by id desc
                 limit ?)
            select (select count(*) from last) as deliveries,
                   (select count(*) from last where status = 'failed') as failures,
                   (select count(*) from suppression_audit
                     where instance_id = ? and action = 'added' and reason = 'recipient_requested_stop'
                       and at > cast(? as timestamptz)) as opt_outs,
                   (select count(distinct phone) from message_log
                     where instance_id = ? and status in ('accepted', 'sent', 'delivered', 'read', 'failed')
                       and created_at > cast(? as timestamptz)) as recipients
            """;

    private final Database db;
    private final Clock clock;
    private final Cache<Query, BehaviourFacts> cached = Caches.expiringAfter(MAX_STALENESS);

    PgRiskFacts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A failure of the database propagates and leaves nothing cached. */
    @Override
    public BehaviourFacts recentBehaviour(InstanceId instanceId, int lastDeliveries, Duration optOutWindow) {
        return cached.get(new Query(instanceId, lastDeliveries, optOutWindow), this::load);
    }

    private BehaviourFacts load(Query query) {
        String instance = query.instanceId().value();
        Object since = Columns.utc(clock.instant().minus(query.window()));
        return db.call(exec -> exec.get(FACTS, instance, Math.max(0, query.lastDeliveries()), instance, since,
                        instance, since))
                .map(PgRiskFacts::facts)
                .orElseThrow(() -> new IllegalStateException("a count returned no row"));
    }

    private static BehaviourFacts facts(DbRow row) {
        return new BehaviourFacts(Columns.intValue(row, "deliveries"), Columns.intValue(row, "failures"),
                Columns.intValue(row, "opt_outs"), Columns.intValue(row, "recipients"));
    }

    /** The parameters are the policy's and the same on every call; keyed by them all for correctness. */
    private record Query(InstanceId instanceId, int lastDeliveries, Duration window) {
    }
}
