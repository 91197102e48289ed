package hub.gateway.application;

import hub.gateway.domain.operator.Operator;
import hub.gateway.application.OptOutAndWebhooksTest.MutableClock;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.SweepLimboUseCase.Swept;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase.KeyClaim;
import hub.gateway.application.port.out.Transport;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.quota.UsageWindows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Contract §10 on the in-memory ports: the limbo sweep, and an Idempotency-Key whose first attempt was never
 * answered, judged by the send it reserved. A send "in flight at the transport" is one whose transport call waits
 * on a latch; a node that died is one whose answer is never remembered.
 */
class LimboAndIdempotencyTest {
    /** The deadline has its own tests (RequestDeadlineTest); these sends never reach it. */
    private static final java.time.Instant NO_DEADLINE = java.time.Instant.parse("2100-01-01T00:00:00Z");
    private static final String KEY = "order-2041";
    private static final String HASH = "h1";
    /** Twice the default request deadline of five seconds. */
    private static final long LIMBO_AFTER_SECONDS = 10;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-08T10:00:00Z"));
    private final CountDownLatch reachedTransport = new CountDownLatch(1);
    private final CountDownLatch transportAnswers = new CountDownLatch(1);
    private final AtomicInteger deliveries = new AtomicInteger();
    private InMemoryPorts ports;
    private UseCases useCases;
    private IdempotentAnswers answers;
    private AccountId account;

    @BeforeEach
    void anAccountWhoseTransportHoldsItsAnswer() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases();
        answers = new IdempotentAnswers(useCases);
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Shop"), Input.MISSING), Operator.ADMIN)).account().id();
        assertInstanceOf(CreateInstanceUseCase.CreateInstanceResult.Created.class, useCases.createInstance().create(
                new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()), Input.text("shop-line"),
                        Input.text("Shop line"), Input.text("starter"), Input.MISSING, Input.MISSING), Operator.ADMIN));
        ports.transport = message -> {
            deliveries.incrementAndGet();
            reachedTransport.countDown();
            try {
                transportAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Transport.Delivery.Delivered("wamid." + message.logId());
        };
    }

    @Test
    void anUnresolvedFirstAttemptIsInProgressThenUnknownAndIsNeverSentAgain() throws Exception {
        assertEquals(new KeyClaim.Claimed(), answers.claim(account, KEY, HASH));
        CompletableFuture<SendMessageResult> firstAttempt = sendInBackground();
        reachedTransport.await();
        long logId = onlyRow().logId();

        assertEquals(new KeyClaim.InProgress(), answers.claim(account, KEY, HASH));
        answers.release(account, KEY);
        assertEquals(new KeyClaim.InProgress(), answers.claim(account, KEY, HASH), "a claim whose send may have gone out stays");
        clock.advanceSeconds(IdempotencyKeys.ABANDONED_AFTER.toSeconds());
        assertEquals(new KeyClaim.InProgress(), answers.claim(account, KEY, HASH), "and is never taken over");

        assertEquals(new Swept(1, false), useCases.sweepLimbo().sweep());
        assertEquals("unknown", onlyRow().status());
        assertEquals(List.of("unknown"), onlyRow().statusHistory().stream().map(MessageRecord.StatusChange::status).toList());
        assertEquals(1, usedToday(), "the quota stays counted");
        assertEquals(new KeyClaim.OutcomeUnknown(logId), answers.claim(account, KEY, HASH));

        // The node was slow, not dead: its late answer moves the row on, and a retry now learns it was sent.
        transportAnswers.countDown();
        assertInstanceOf(SendMessageResult.Sent.class, firstAttempt.get());
        assertEquals("sent", onlyRow().status());
        assertEquals(new KeyClaim.AlreadySent(logId, "wamid." + logId), answers.claim(account, KEY, HASH));
        assertEquals(1, deliveries.get(), "no retry reached the transport");
    }

    @Test
    void theSweepLeavesASendYoungerThanTwiceTheDeadlineAlone() throws Exception {
        CompletableFuture<SendMessageResult> inFlight = sendInBackground();
        reachedTransport.await();
        clock.advanceSeconds(LIMBO_AFTER_SECONDS - 1);
        assertEquals(new Swept(0, false), useCases.sweepLimbo().sweep());
        assertEquals("accepted", onlyRow().status());
        clock.advanceSeconds(2);
        assertEquals(new Swept(1, false), useCases.sweepLimbo().sweep());
        assertEquals("unknown", onlyRow().status());
        transportAnswers.countDown();
        inFlight.get();
    }

    @Test
    void aFailedFirstAttemptIsAnsweredAsFailed() {
        transportAnswers.countDown();
        ports.transport = message -> new Transport.Delivery.Failed("131026", "Message Undeliverable.");
        answers.claim(account, KEY, HASH);
        useCases.sendMessage().send(command());
        assertEquals(new KeyClaim.AlreadyFailed(onlyRow().logId()), answers.claim(account, KEY, HASH));
        assertEquals(0, usedToday());
    }

    @Test
    void aClaimThatReservedNothingIsTakenOverAfterFiveMinutesOrOnRelease() {
        transportAnswers.countDown();
        answers.claim(account, KEY, HASH);
        useCases.sendMessage().send(new SendMessageCommand(account, Input.text("shop-line"), Input.text("not a phone"),
                Input.text("hi"), Input.text("transactional"), NO_DEADLINE, Optional.of(KEY)));
        assertEquals(new KeyClaim.InProgress(), answers.claim(account, KEY, HASH));
        clock.advanceSeconds(IdempotencyKeys.ABANDONED_AFTER.toSeconds());
        assertEquals(new KeyClaim.Claimed(), answers.claim(account, KEY, HASH));
        answers.release(account, KEY);
        assertEquals(new KeyClaim.Claimed(), answers.claim(account, KEY, HASH));
    }

    /** A withdrawn reservation ('refused') sent nothing and counts nothing: like a claim without a row. */
    @Test
    void aLinkedRefusedRowCountsAsNoRow() throws Exception {
        answers.claim(account, KEY, HASH);
        CompletableFuture<SendMessageResult> inFlight = sendInBackground();
        reachedTransport.await();
        MessageRecord row = onlyRow();
        synchronized (ports) {
            ports.log.put(row.logId(), new MessageRecord(row.logId(), Optional.empty(), row.instanceId(), row.phone(),
                    row.messagePurpose(), "refused", Optional.of("service_unavailable"), row.createdAt(), List.of()));
        }
        assertEquals(new KeyClaim.InProgress(), answers.claim(account, KEY, HASH));
        answers.release(account, KEY);
        assertEquals(new KeyClaim.Claimed(), answers.claim(account, KEY, HASH));
        transportAnswers.countDown();
        inFlight.get();
    }

    @Test
    void anAnswerRememberedIsReplayedWhateverTheRowSays() {
        transportAnswers.countDown();
        answers.claim(account, KEY, HASH);
        useCases.sendMessage().send(command());
        answers.remember(account, KEY, 200, "{\"success\":true}");
        assertEquals(new KeyClaim.Replay(200, "{\"success\":true}"), answers.claim(account, KEY, HASH));
    }

    private CompletableFuture<SendMessageResult> sendInBackground() {
        return CompletableFuture.supplyAsync(() -> useCases.sendMessage().send(command()));
    }

    private SendMessageCommand command() {
        return new SendMessageCommand(account, Input.text("shop-line"), Input.text("+966501234567"),
                Input.text("Your order #2041 has shipped."), Input.text("transactional"), NO_DEADLINE).withIdempotencyKey(KEY);
    }

    private MessageRecord onlyRow() {
        synchronized (ports) {
            assertEquals(1, ports.log.size());
            return ports.log.values().iterator().next();
        }
    }

    private int usedToday() {
        return ports.usage(new InstanceId("shop-line"), UsageWindows.at(clock.instant(), ZoneOffset.UTC)).day();
    }
}
