package hub.gateway.application.contract;

import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.Outbox.EventDelivery;
import hub.gateway.application.port.out.Outbox.PendingEvent;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedOut;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Outbox port's contract. Claims see every instance of the store, which a subject may share between tests, so
 * each test looks only at its own instances' events.
 */
public abstract class OutboxContract {
    /** Nanoseconds on purpose: the event's timestamp must come back exactly as it went in. */
    private static final Instant CREATED = Instant.parse("2025-05-01T10:00:00.123456789Z");
    /** Times the outbox stores as columns: PostgreSQL keeps microseconds. */
    private static final Instant NOW = CREATED.truncatedTo(ChronoUnit.MICROS).plusSeconds(10);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final int ALL = 1_000;

    /** The outbox under test, and the list whose changes put events into it. */
    public interface Subject extends ContractPorts {
    }

    /** Called before each test; the subject may be shared by the tests of a class, their ids never are. */
    protected abstract Subject subject();

    private Subject subject;
    private Outbox outbox;
    private AccountId account;
    private Instance instance;
    private int nextPhone;

    @BeforeEach
    void freshInstance() {
        subject = subject();
        outbox = subject.outbox();
        account = subject.account();
        instance = subject.instance(account);
    }

    @Test
    void aClaimCarriesTheEventTheWebhookAndAStableId() {
        RecipientOptedOut event = emit(instance);

        PendingEvent claimed = claimOne(instance, NOW).orElseThrow();

        assertEquals(event, claimed.event());
        assertEquals("evt_" + claimed.eventId(), claimed.webhookId());
        assertEquals(Optional.of("https://example.com/hook"), claimed.webhookUrl());
        assertEquals("whsec_dGVzdA==", claimed.webhookSecret());
        assertEquals(0, claimed.attempts());
        assertEquals(Optional.empty(), claimed.firstAttemptAt());
    }

    @Test
    void onlyTheHeadOfAnInstanceIsClaimedAndALeaseHoldsItsInstance() {
        emit(instance);
        emit(instance);
        Instance other = subject.instance(account);
        emit(other);

        List<PendingEvent> first = claimed(outbox.claimDue(NOW, ALL, LEASE), instance, other);
        assertEquals(2, first.size(), "one per instance");
        assertEquals(List.of(instance.id(), other.id()), first.stream().map(e -> e.event().instanceId()).toList());

        assertTrue(claimed(outbox.claimDue(NOW.plusSeconds(1), ALL, LEASE), instance, other).isEmpty(),
                "leased heads hold their instances");
    }

    @Test
    void afterDeliveryTheNextEventIsClaimable() {
        emit(instance);
        emit(instance);
        PendingEvent head = claimOne(instance, NOW).orElseThrow();

        outbox.delivered(head.eventId(), NOW, 204);

        PendingEvent next = claimOne(instance, NOW).orElseThrow();
        assertTrue(next.eventId() > head.eventId());
        EventDelivery delivered = delivery(head.eventId());
        assertEquals("delivered", delivered.status());
        assertEquals(1, delivered.attempts());
        assertEquals(Optional.of(204), delivered.lastHttpStatus());
        assertEquals(Optional.of(NOW), delivered.lastAttemptAt());
        assertEquals(Optional.empty(), delivered.nextAttemptAt());
    }

    @Test
    void aFailedEventWaitsForItsNextAttemptAndHoldsBackItsInstance() {
        emit(instance);
        emit(instance);
        PendingEvent head = claimOne(instance, NOW).orElseThrow();
        Instant retryAt = NOW.plusSeconds(30);

        outbox.failed(head.eventId(), NOW, "HTTP 500", Optional.of(500), Optional.of(retryAt));

        assertTrue(claimOne(instance, retryAt.minusMillis(1)).isEmpty(), "not due yet, and nothing overtakes it");
        PendingEvent retried = claimOne(instance, retryAt).orElseThrow();
        assertEquals(head.eventId(), retried.eventId());
        assertEquals(1, retried.attempts());
        assertEquals(Optional.of(NOW), retried.firstAttemptAt());
        EventDelivery failed = delivery(head.eventId());
        assertEquals("pending", failed.status());
        assertEquals(Optional.of("HTTP 500"), failed.lastError());
        assertEquals(Optional.of(500), failed.lastHttpStatus());
        assertEquals(Optional.of(retryAt), failed.nextAttemptAt());
    }

    @Test
    void aDeadEventNoLongerHoldsBackItsInstance() {
        emit(instance);
        emit(instance);
        PendingEvent head = claimOne(instance, NOW).orElseThrow();

        outbox.failed(head.eventId(), NOW, "timed out after 5 s", Optional.empty(), Optional.empty());

        assertEquals("dead", delivery(head.eventId()).status());
        assertEquals(Optional.empty(), delivery(head.eventId()).lastHttpStatus());
        PendingEvent next = claimOne(instance, NOW).orElseThrow();
        assertTrue(next.eventId() > head.eventId());
    }

    @Test
    void replayPutsOnlyADeadEventBackInLine() {
        emit(instance);
        emit(instance);
        PendingEvent dead = claimOne(instance, NOW).orElseThrow();
        outbox.failed(dead.eventId(), NOW, "HTTP 410", Optional.of(410), Optional.empty());
        PendingEvent second = claimOne(instance, NOW).orElseThrow();
        outbox.delivered(second.eventId(), NOW, 200);
        Instance other = subject.instance(account);

        assertFalse(outbox.replay(other.id(), dead.eventId(), NOW), "another instance's event");
        assertFalse(outbox.replay(instance.id(), second.eventId(), NOW), "a delivered event");
        assertTrue(outbox.replay(instance.id(), dead.eventId(), NOW.plusSeconds(5)));
        assertFalse(outbox.replay(instance.id(), dead.eventId(), NOW.plusSeconds(5)), "a pending event");

        assertTrue(claimOne(instance, NOW.plusSeconds(4)).isEmpty(), "due when replayed, not before");
        PendingEvent replayed = claimOne(instance, NOW.plusSeconds(5)).orElseThrow();
        assertEquals(dead.eventId(), replayed.eventId());
        assertEquals(0, replayed.attempts(), "a fresh retry series");
    }

    @Test
    void anExpiredLeaseMakesTheEventClaimableAgain() {
        emit(instance);
        PendingEvent first = claimOne(instance, NOW).orElseThrow();

        assertTrue(claimOne(instance, NOW.plus(LEASE).minusMillis(1)).isEmpty());
        PendingEvent again = claimOne(instance, NOW.plus(LEASE)).orElseThrow();

        assertEquals(first.eventId(), again.eventId());
        assertEquals(first.webhookId(), again.webhookId(), "a redelivery carries the same webhook-id");
    }

    @Test
    void aClaimTakesAtMostMax() {
        emit(instance);
        emit(subject.instance(account));
        emit(subject.instance(account));

        assertEquals(2, outbox.claimDue(NOW, 2, LEASE).size(), "three heads are due, two are asked for");
        assertTrue(outbox.claimDue(NOW, 0, LEASE).isEmpty());
    }

    @Test
    void recentIsNewestFirstAndLimited() {
        emit(instance);
        emit(instance);
        emit(instance);

        List<EventDelivery> recent = outbox.recent(instance.id(), 2);

        assertEquals(2, recent.size());
        assertTrue(recent.get(0).eventId() > recent.get(1).eventId());
        assertEquals(RecipientOptedOut.TYPE, recent.get(0).type());
        assertEquals(Instant.parse("2025-05-01T10:00:00.123457Z"), recent.get(0).createdAt(),
                "kept to the microsecond, rounded, as PostgreSQL keeps it");
        assertTrue(outbox.recent(new InstanceId("nobody-here"), 10).isEmpty());
    }

    @Test
    void theBacklogCountsEventsNotYetDeliveredNorDeadAndKnowsTheOldest() {
        Outbox.Backlog before = outbox.backlog();
        emit(instance);
        emit(instance);

        Outbox.Backlog two = outbox.backlog();
        assertEquals(before.pending() + 2, two.pending());
        assertTrue(two.oldestCreatedAt().orElseThrow().compareTo(Instant.parse("2025-05-01T10:00:00.123457Z")) <= 0,
                "the oldest is no younger than these events: " + two);

        PendingEvent first = claimOne(instance, NOW).orElseThrow();
        outbox.failed(first.eventId(), NOW, "HTTP 500", Optional.of(500), Optional.of(NOW.plusSeconds(60)));
        assertEquals(before.pending() + 2, outbox.backlog().pending(), "an event waiting for its retry is pending");
        outbox.delivered(first.eventId(), NOW.plusSeconds(60), 200);
        assertEquals(before.pending() + 1, outbox.backlog().pending());
        PendingEvent second = claimOne(instance, NOW.plusSeconds(61)).orElseThrow();
        outbox.failed(second.eventId(), NOW.plusSeconds(61), "HTTP 410", Optional.of(410), Optional.empty());
        assertEquals(before.pending(), outbox.backlog().pending(), "a dead event is not pending");
    }

    private RecipientOptedOut emit(Instance target) {
        PhoneNumber phone = new PhoneNumber("+96650100" + String.format("%04d", ++nextPhone));
        RecipientOptedOut event = new RecipientOptedOut(target.id(), target.name(), phone, "STOP", CREATED);
        subject.suppressions().add(new Suppression(target.id(), phone, SuppressionReason.RECIPIENT_REQUESTED_STOP,
                SuppressedBy.RECIPIENT, CREATED), "STOP", Optional.of(event));
        return event;
    }

    private Optional<PendingEvent> claimOne(Instance target, Instant at) {
        List<PendingEvent> mine = claimed(outbox.claimDue(at, ALL, LEASE), target);
        assertTrue(mine.size() <= 1, "at most one event per instance");
        return mine.stream().findFirst();
    }

    private static List<PendingEvent> claimed(List<PendingEvent> all, Instance... targets) {
        List<InstanceId> ids = Arrays.stream(targets).map(Instance::id).toList();
        return all.stream().filter(e -> ids.contains(e.event().instanceId())).toList();
    }

    private EventDelivery delivery(long eventId) {
        return outbox.recent(instance.id(), ALL).stream().filter(d -> d.eventId() == eventId).findFirst().orElseThrow();
    }
}
