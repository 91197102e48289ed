package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.Account;
import hub.gateway.domain.AccountId;
import hub.gateway.domain.Instance;
import hub.gateway.domain.Limits;
import hub.gateway.domain.MessagePurpose;
import hub.gateway.domain.PhoneNumber;
import hub.gateway.domain.GateOutcome.Reserved;
import hub.gateway.domain.RiskAssessment;
import hub.gateway.domain.UsageWindows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The IdempotencyKeys port's contract, against PostgreSQL: each claim outcome, expiry, a claim never answered judged
 * by the send it reserved (linked by reserve_quota), and one winner under load.
 */
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

    // --- a claim never answered (its node died), judged by the send its request reserved ---------------------

    @Test
    void aLinkedSendStillAcceptedIsInProgressForGoodThenUnknownOnceSwept() {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long logId = sender.reserve(key);
        assertEquals(new Claim.InProgress(), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(1)));
        assertEquals(new Claim.InProgress(), keys.claim(sender.account(), key, "h1", NOW.plus(Duration.ofHours(1))),
                "never taken over: the send may have gone out");
        keys.release(sender.account(), key);
        assertEquals(new Claim.InProgress(), keys.claim(sender.account(), key, "h1", NOW.plus(Duration.ofHours(1))),
                "never released either");
        assertEquals(new Claim.Reused(), keys.claim(sender.account(), key, "h2", NOW.plusSeconds(2)));

        Instant later = NOW.plus(Duration.ofHours(2));
        database.persistence().abandonedSends().markUnknown(later.minusSeconds(10), later, 1_000);
        assertEquals(new Claim.OutcomeUnknown(logId), keys.claim(sender.account(), key, "h1", later));
        assertEquals(new Claim.OutcomeUnknown(logId), keys.claim(sender.account(), key, "h1", later.plusSeconds(60)));
    }

    @Test
    void aLinkedSendTheTransportTookIsAlreadySentAndOneThatFailedAlreadyFailed() {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long sent = sender.reserve(key);
        database.persistence().messageLog().markSent(sent, "wamid.K1", NOW.plusSeconds(1));
        assertEquals(new Claim.AlreadySent(sent, "wamid.K1"), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(2)));
        keys.release(sender.account(), key);
        assertEquals(new Claim.AlreadySent(sent, "wamid.K1"), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(3)));

        String other = "key-" + UUID.randomUUID();
        keys.claim(sender.account(), other, "h1", NOW);
        long failed = sender.reserve(other);
        database.persistence().sendGate().giveBack(failed, SendGate.GiveBack.DELIVERY_FAILED, NOW.plusSeconds(1));
        assertEquals(new Claim.AlreadyFailed(failed), keys.claim(sender.account(), other, "h1", NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void theStoredAnswerStillWinsOverTheLinkedRow() {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long logId = sender.reserve(key);
        database.persistence().messageLog().markSent(logId, "wamid.K2", NOW.plusSeconds(1));
        keys.remember(sender.account(), key, 200, BODY);
        assertEquals(new Claim.Replay(200, BODY), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(2)));
    }

    /** 'refused' sent nothing and counted nothing (a withdrawn reservation): like a claim with no row at all. */
    @Test
    void aLinkedRefusedRowIsAbandonedAfterFiveMinutesAndMayBeReleased() throws Exception {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long logId = sender.reserve(key);
        database.jdbc().update("update message_log set status = 'refused', error = 'service_unavailable' where id = ?", logId);
        assertEquals(new Claim.InProgress(), keys.claim(sender.account(), key, "h1", NOW.plus(Duration.ofMinutes(4))));
        assertEquals(new Claim.Claimed(), keys.claim(sender.account(), key, "h1", NOW.plus(IdempotencyKeys.ABANDONED_AFTER)));

        String other = "key-" + UUID.randomUUID();
        keys.claim(sender.account(), other, "h1", NOW);
        long withdrawn = sender.reserve(other);
        database.jdbc().update("update message_log set status = 'refused' where id = ?", withdrawn);
        keys.release(sender.account(), other);
        assertEquals(new Claim.Claimed(), keys.claim(sender.account(), other, "h1", NOW.plusSeconds(1)));
    }

    @Test
    void aReservationWithoutAClaimOrOfAnotherAccountLinksNothing() {
        Sender sender = new Sender();
        Sender stranger = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        stranger.reserve(key);
        sender.reserve("key-never-claimed");
        assertEquals(new Claim.Claimed(), keys.claim(sender.account(), key, "h1", NOW.plus(IdempotencyKeys.ABANDONED_AFTER)));
    }

    /** An account with an instance that reserves sends, as the send use case does. */
    private static final class Sender {
        private final Account account = database.fixtures().account(ZoneOffset.UTC);
        private final Instance instance = database.fixtures().instance(account);
        private int phones;

        AccountId account() {
            return account.id();
        }

        long reserve(String idempotencyKey) {
            SendReservation reservation = Fixtures.reservation(account.id(), instance.id(),
                    new PhoneNumber("+96650" + String.format("%07d", ++phones)), MessagePurpose.TRANSACTIONAL,
                    new Limits(1_000, 10_000, 100_000), UsageWindows.at(NOW, ZoneOffset.UTC),
                    Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN,
                    Optional.of(idempotencyKey));
            return ((Reserved) database.persistence().sendGate().reserve(reservation)).logId();
        }
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
