package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.ConsoleSessionsContract;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.ConsoleSession;
import hub.gateway.domain.operator.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ConsoleSessionsContract, against PostgreSQL; and the retention sweep's removal of idle sessions. */
class PgConsoleSessionsContractTest extends ConsoleSessionsContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }

    @Test
    void retentionRemovesSessionsIdleBeforeTheCutoffAndKeepsTheOthers() {
        Instant cutoff = NOW.minus(ConsoleSession.IDLE_EXPIRY);
        ConsoleSession idle = session(cutoff.minusSeconds(1));
        ConsoleSession live = session(cutoff.plusSeconds(1));
        database.persistence().consoleSessions().start(idle);
        database.persistence().consoleSessions().start(live);

        int removed = 0;
        for (int round; (round = database.persistence().expiredRecords().removeConsoleSessionsIdleBefore(cutoff, 1)) > 0; ) {
            removed += round;
        }

        assertTrue(removed >= 1);
        assertEquals(Optional.empty(), database.persistence().consoleSessions().find(idle.idHash()));
        assertEquals(Optional.of(live), database.persistence().consoleSessions().find(live.idHash()));
    }

    private static ConsoleSession session(Instant lastSeen) {
        return new ConsoleSession(ApiKeyHash.of("gcs_" + UUID.randomUUID()), Operator.ADMIN,
                ApiKeyHash.of("token-" + UUID.randomUUID()), "csrf", lastSeen, lastSeen);
    }
}
