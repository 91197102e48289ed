package hub.gateway.application.contract;

import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.send.GateOutcome.Reserved;
import hub.gateway.domain.suppression.SuppressionReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The IdempotencyKeys port's contract: each claim outcome, expiry, and a claim never answered judged by the send it
 * reserved (linked by {@link SendGate#reserve}).
 */
public abstract class IdempotencyKeysContract {
    protected static final Instant NOW = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final String BODY = "{\"success\":true,\"status\":\"sent\",\"message_id\":\"wamid.1\",\"log_id\":1}";

    /** The keys under test, and the ports of the same store whose sends they are judged by. */
    public interface Subject extends ContractPorts {
    }

    /** Called before each test; the subject may be shared by the tests of a class, their ids never are. */
    protected abstract Subject subject();

    private Subject subject;
    private IdempotencyKeys keys;
    protected AccountId account;
    protected String key;

    @BeforeEach
    void freshKey() {
        subject = subject();
        keys = subject.idempotencyKeys();
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

    /** What is replayed is what was written: the answer's own headers too, in their order; a fresh claim has none. */
    @Test
    void theAnswersHeadersAreKeptWithIt() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Retry-After", "17");
        keys.claim(account, key, "h1", NOW);
        keys.remember(account, key, 429, headers, BODY);
        Claim replay = keys.claim(account, key, "h1", NOW.plusSeconds(2));
        assertEquals(new Claim.Replay(429, headers, BODY), replay);
        assertEquals(java.util.List.copyOf(headers.keySet()),
                java.util.List.copyOf(((Claim.Replay) replay).headers().keySet()), "in the order written");

        assertEquals(new Claim.Claimed(), keys.claim(account, key, "h1", NOW.plus(Duration.ofHours(25))));
        keys.remember(account, key, 200, BODY);
        assertEquals(new Claim.Replay(200, BODY), keys.claim(account, key, "h1", NOW.plus(Duration.ofHours(26))),
                "a key claimed afresh keeps nothing of its old answer");
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
        subject.abandonedSends().markUnknown(later.minusSeconds(10), later, 1_000);
        assertEquals(new Claim.OutcomeUnknown(logId), keys.claim(sender.account(), key, "h1", later));
        assertEquals(new Claim.OutcomeUnknown(logId), keys.claim(sender.account(), key, "h1", later.plusSeconds(60)));
    }

    @Test
    void aLinkedSendTheTransportTookIsAlreadySentAndOneThatFailedAlreadyFailed() {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long sent = sender.reserve(key);
        subject.messageLog().markSent(sent, "wamid.K1", NOW.plusSeconds(1));
        assertEquals(new Claim.AlreadySent(sent, "wamid.K1"), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(2)));
        keys.release(sender.account(), key);
        assertEquals(new Claim.AlreadySent(sent, "wamid.K1"), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(3)));

        String other = "key-" + UUID.randomUUID();
        keys.claim(sender.account(), other, "h1", NOW);
        long failed = sender.reserve(other);
        subject.gate().giveBack(failed, SendGate.GiveBack.DELIVERY_FAILED, NOW.plusSeconds(1));
        assertEquals(new Claim.AlreadyFailed(failed), keys.claim(sender.account(), other, "h1", NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void theStoredAnswerStillWinsOverTheLinkedRow() {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long logId = sender.reserve(key);
        subject.messageLog().markSent(logId, "wamid.K2", NOW.plusSeconds(1));
        keys.remember(sender.account(), key, 200, BODY);
        assertEquals(new Claim.Replay(200, BODY), keys.claim(sender.account(), key, "h1", NOW.plusSeconds(2)));
    }

    /** 'refused' sent nothing and counted nothing (a reservation withdrawn at its deadline): like no row at all. */
    @Test
    void aLinkedRefusedRowIsAbandonedAfterFiveMinutesAndMayBeReleased() {
        Sender sender = new Sender();
        keys.claim(sender.account(), key, "h1", NOW);
        long logId = sender.reserve(key);
        subject.gate().giveBack(logId, SendGate.GiveBack.DEADLINE_PASSED, NOW);
        assertEquals(new Claim.InProgress(), keys.claim(sender.account(), key, "h1", NOW.plus(Duration.ofMinutes(4))));
        assertEquals(new Claim.Claimed(), keys.claim(sender.account(), key, "h1", NOW.plus(IdempotencyKeys.ABANDONED_AFTER)));

        String other = "key-" + UUID.randomUUID();
        keys.claim(sender.account(), other, "h1", NOW);
        long withdrawn = sender.reserve(other);
        subject.gate().giveBack(withdrawn, SendGate.GiveBack.DEADLINE_PASSED, NOW);
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
    private final class Sender {
        private final AccountId account = subject.account();
        private final InstanceId instance = subject.instance(account).id();
        private int phones;

        AccountId account() {
            return account;
        }

        long reserve(String idempotencyKey) {
            RiskPolicy policy = RiskPolicyFile.defaults();
            SendReservation reservation = new SendReservation(
                    new SendReservation.Send(account, instance, new PhoneNumber("+96650" + String.format("%07d", ++phones)),
                            MessagePurpose.TRANSACTIONAL, Optional.of(idempotencyKey)),
                    Arrays.stream(SuppressionReason.values()).filter(r -> r.blocks(MessagePurpose.TRANSACTIONAL))
                            .collect(Collectors.toSet()), false,
                    Optional.of(new SendReservation.DuplicateContentRule(
                            ContentFingerprint.of(instance, "text " + UUID.randomUUID()), 25, Duration.ofMinutes(60),
                            policy.duplicateContent().toCount(RiskAssessment.CLEAN), policy.repeatedViolations())),
                    new Limits(1_000, 10_000, 100_000), UsageWindows.at(NOW, ZoneOffset.UTC), RiskAssessment.CLEAN);
            return assertInstanceOf(Reserved.class, subject.gate().reserve(reservation)).logId();
        }
    }
}
