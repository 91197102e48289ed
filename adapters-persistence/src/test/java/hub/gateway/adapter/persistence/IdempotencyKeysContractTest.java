package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.domain.AccountId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The IdempotencyKeys port's contract, against PostgreSQL: each claim outcome, expiry, and one winner under load. */
class IdempotencyKeysContractTest {
    private static final Instant NOW = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final String BODY = "{\"success\":true,\"status\":\"sent\",\"message_id\":\"wamid.1\",\"log_id\":1}";

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private IdempotencyKeys keys;
    private AccountId account;
    private String key;

    @BeforeEach
    void freshKey() {
        keys = database.persistence().idempotencyKeys();
        account = new AccountId("acc_" + UUID.randomUUID());
        key = "key-" + UUID.randomUUID();
    }

    @Test
    void theFirstClaimWinsAndTheAnswerIsReplayedExactly() {
        assertEquals(new Claim.Claimed(), keys.claim(account, key, "h1", NOW));
        assertEquals(new Claim.InProgress(), keys.claim(account, key, "h1", NOW.plusSeconds(1)));
        keys.remember(account, key, 429, BODY);
        assertEquals(new Claim.Replay(429, BODY), keys.claim(account, key, "h1", NOW.plusSeconds(2)));
        assertEquals(new Claim.Replay(429, BODY), keys.claim(account, key, "h1", NOW.plus(Duration.ofHours(23))));
    }

    @Test
    void theSameKeyWithAnotherBodyIsReused() {
        keys.claim(account, key, "h1", NOW);
        assertEquals(new Claim.Reused(), keys.claim(account, key, "h2", NOW));
        keys.remember(account, key, 200, BODY);
        assertEquals(new Claim.Reused(), keys.claim(account, key, "h2", NOW.plusSeconds(1)));
    }

    @Test
    void aKeyOlderThan24HoursIsClaimedAfresh() {
        keys.claim(account, key, "h1", NOW);
        keys.remember(account, key, 200, BODY);
        Instant later = NOW.plus(IdempotencyKeys.RETAINED);
        assertEquals(new Claim.Claimed(), keys.claim(account, key, "h2", later));
        assertEquals(new Claim.InProgress(), keys.claim(account, key, "h2", later.plusSeconds(1)));
    }

    @Test
    void aClaimInProgressForFiveMinutesIsAbandoned() {
        keys.claim(account, key, "h1", NOW);
        assertEquals(new Claim.InProgress(), keys.claim(account, key, "h1", NOW.plus(Duration.ofMinutes(4))));
        assertEquals(new Claim.Claimed(), keys.claim(account, key, "h1", NOW.plus(IdempotencyKeys.ABANDONED_AFTER)));
    }

    @Test
    void anAnsweredKeyIsNotAbandoned() {
        keys.claim(account, key, "h1", NOW);
        keys.remember(account, key, 200, BODY);
        assertEquals(new Claim.Replay(200, BODY), keys.claim(account, key, "h1", NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void aReleasedClaimMayBeClaimedAgainButAnAnswerIsNeverReleased() {
        keys.claim(account, key, "h1", NOW);
        keys.release(account, key);
        assertEquals(new Claim.Claimed(), keys.claim(account, key, "h2", NOW.plusSeconds(1)));
        keys.remember(account, key, 200, BODY);
        keys.release(account, key);
        assertEquals(new Claim.Replay(200, BODY), keys.claim(account, key, "h2", NOW.plusSeconds(2)));
    }

    @Test
    void keysOfDifferentAccountsNeverCollide() {
        AccountId other = new AccountId("acc_" + UUID.randomUUID());
        keys.claim(account, key, "h1", NOW);
        keys.remember(account, key, 200, BODY);
        assertEquals(new Claim.Claimed(), keys.claim(other, key, "h2", NOW));
    }

    @Test
    void twentyParallelClaimsOnTwoNodesHaveExactlyOneWinner() throws Exception {
        TestDb db = TestDb.fresh();
        int claims = 20;
        try (PostgresPersistence nodeA = db.connect(10);
             PostgresPersistence nodeB = db.connect(10);
             ExecutorService threads = Executors.newFixedThreadPool(claims)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> results = new ArrayList<>();
            for (int i = 0; i < claims; i++) {
                IdempotencyKeys node = (i % 2 == 0 ? nodeA : nodeB).idempotencyKeys();
                results.add(threads.submit(() -> {
                    start.await();
                    return node.claim(account, key, "h1", NOW);
                }));
            }
            start.countDown();
            int claimed = 0;
            for (Future<Claim> result : results) {
                Claim claim = result.get();
                if (claim instanceof Claim.Claimed) {
                    claimed++;
                } else {
                    assertEquals(new Claim.InProgress(), claim);
                }
            }
            assertEquals(1, claimed);
        }
    }
}
