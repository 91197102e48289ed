package hub.gateway.application.contract;

import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.Outbox.EventDelivery;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedIn;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedOut;
import hub.gateway.domain.webhook.ClientEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static hub.gateway.domain.suppression.SuppressionReason.BLOCKED;
import static hub.gateway.domain.suppression.SuppressionReason.RECIPIENT_REQUESTED_STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SuppressionList port's contract: changes, their audit trail and their events. */
public abstract class SuppressionListContract {
    private static final Instant AT = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+966501234567");

    /** The list under test, the outbox its events enter, and a view of its audit trail. */
    public interface Subject extends ContractPorts {
        /** The instance's audit rows of this action ({@code added} or {@code lifted}). */
        long audited(InstanceId instance, String action);

        /** The instance's audit rows exactly like this one. */
        long audited(InstanceId instance, PhoneNumber phone, String action, SuppressionReason reason,
                     SuppressedBy actor, Instant at, String note);
    }

    /** Called before each test; the subject may be shared by the tests of a class, their ids never are. */
    protected abstract Subject subject();

    private Subject subject;
    private SuppressionList suppressions;
    protected Instance instance;

    @BeforeEach
    void freshInstance() {
        subject = subject();
        suppressions = subject.suppressions();
        instance = subject.instance(subject.account());
    }

    @Test
    void anAddedSuppressionIsFoundWithItsAuditRowAndEvent() {
        Suppression stop = recipientStop(AT);
        RecipientOptedOut event = optedOut(AT);

        assertTrue(suppressions.add(stop, "STOP", Optional.of(event)));

        assertEquals(List.of(stop), suppressions.find(instance.id(), PHONE));
        assertEquals(1, subject.audited(instance.id(), "added"));
        List<EventDelivery> events = subject.outbox().recent(instance.id(), 10);
        assertEquals(1, events.size());
        assertEquals(RecipientOptedOut.TYPE, events.getFirst().type());
        assertEquals("pending", events.getFirst().status());
        assertEquals(Optional.of(AT), events.getFirst().nextAttemptAt(), "due at once");
    }

    @Test
    void addingTwiceWritesNothingTheSecondTime() {
        assertTrue(suppressions.add(recipientStop(AT), "STOP", Optional.of(optedOut(AT))));

        assertFalse(suppressions.add(recipientStop(AT.plusSeconds(60)), "STOP again",
                Optional.of(optedOut(AT.plusSeconds(60)))));

        assertEquals(List.of(recipientStop(AT)), suppressions.find(instance.id(), PHONE), "the first one stays");
        assertEquals(1, subject.audited(instance.id(), "added"));
        assertEquals(1, subject.outbox().recent(instance.id(), 10).size());
    }

    @Test
    void anAddWithoutAnEventWritesNoEvent() {
        assertTrue(suppressions.add(block(AT), "client API", Optional.empty()));

        assertEquals(1, subject.audited(instance.id(), "added"));
        assertTrue(subject.outbox().recent(instance.id(), 10).isEmpty());
    }

    @Test
    void liftingWritesTheAuditRowWithTheLifterAndTheEvent() {
        suppressions.add(recipientStop(AT), "STOP", Optional.of(optedOut(AT)));
        Instant later = AT.plusSeconds(3600);

        assertTrue(suppressions.lift(instance.id(), PHONE, RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT, later,
                "START", Optional.of(new RecipientOptedIn(instance.id(), instance.name(), PHONE, "START", later))));

        assertTrue(suppressions.find(instance.id(), PHONE).isEmpty());
        assertEquals(1, subject.audited(instance.id(), PHONE, "lifted", RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT,
                later, "START"));
        List<EventDelivery> events = subject.outbox().recent(instance.id(), 10);
        assertEquals(List.of(RecipientOptedIn.TYPE, RecipientOptedOut.TYPE),
                events.stream().map(EventDelivery::type).toList(), "newest first");
    }

    @Test
    void liftingWhatIsNotThereWritesNothing() {
        suppressions.add(block(AT), "client API", Optional.empty());

        assertFalse(suppressions.lift(instance.id(), PHONE, RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT, AT,
                "START", Optional.of(new RecipientOptedIn(instance.id(), instance.name(), PHONE, "START", AT))));

        assertEquals(0, subject.audited(instance.id(), "lifted"));
        assertTrue(subject.outbox().recent(instance.id(), 10).isEmpty());
        assertEquals(List.of(block(AT)), suppressions.find(instance.id(), PHONE));
    }

    @Test
    void bothReasonsCoexistAndAreLiftedSeparately() {
        suppressions.add(recipientStop(AT), "STOP", Optional.empty());
        suppressions.add(block(AT.plusSeconds(1)), "client API", Optional.empty());
        assertEquals(Set.of(RECIPIENT_REQUESTED_STOP, BLOCKED), reasons());

        assertTrue(suppressions.lift(instance.id(), PHONE, BLOCKED, SuppressedBy.CLIENT, AT.plusSeconds(2),
                "client API", Optional.empty()));

        assertEquals(Set.of(RECIPIENT_REQUESTED_STOP), reasons());
    }

    @Test
    void listIsNewestFirstAndLimited() {
        PhoneNumber second = new PhoneNumber("+966501234568");
        PhoneNumber third = new PhoneNumber("+966501234569");
        suppressions.add(block(AT), "1", Optional.empty());
        suppressions.add(new Suppression(instance.id(), second, BLOCKED, SuppressedBy.ADMIN, AT.plusSeconds(1)), "2",
                Optional.empty());
        suppressions.add(new Suppression(instance.id(), third, BLOCKED, SuppressedBy.CLIENT, AT.plusSeconds(2)), "3",
                Optional.empty());

        assertEquals(List.of(third, second), suppressions.list(instance.id(), 2).stream().map(Suppression::phone).toList());
        assertTrue(suppressions.list(new InstanceId("nobody-here"), 10).isEmpty());
    }

    @Test
    void aChangeWhoseEventCannotBeStoredIsNotMadeAtAll() {
        ClientEvent orphan = new RecipientOptedOut(new InstanceId("no-such-instance"), "Ghost", PHONE, "STOP", AT);

        assertThrows(RuntimeException.class, () -> suppressions.add(recipientStop(AT), "STOP", Optional.of(orphan)));

        assertTrue(suppressions.find(instance.id(), PHONE).isEmpty());
        assertEquals(0, subject.audited(instance.id(), "added"));
    }

    private Set<SuppressionReason> reasons() {
        return suppressions.find(instance.id(), PHONE).stream().map(Suppression::reason).collect(Collectors.toSet());
    }

    protected Suppression block(Instant at) {
        return new Suppression(instance.id(), PHONE, BLOCKED, SuppressedBy.CLIENT, at);
    }

    protected static Instant at() {
        return AT;
    }

    private Suppression recipientStop(Instant at) {
        return new Suppression(instance.id(), PHONE, RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT, at);
    }

    private RecipientOptedOut optedOut(Instant at) {
        return new RecipientOptedOut(instance.id(), instance.name(), PHONE, "STOP", at);
    }
}
