package hub.gateway.application.service;

import hub.gateway.application.port.in.ReceiveInboundMessageUseCase;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.application.port.out.ActivityMonitor.InboundKind;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.OptOutKeywords;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class InboundService implements ReceiveInboundMessageUseCase {
    private static final int MAX_TEXT = 4096;
    private static final String SANDBOX = "sandbox";

    private final InstanceLookup instances;
    private final SuppressionList suppressions;
    private final OptOutKeywords keywords;
    private final ActivityMonitor activity;
    private final SendGate gate;
    private final Clock clock;

    InboundService(InstanceLookup instances, SuppressionList suppressions, OptOutKeywords keywords,
                   ActivityMonitor activity, SendGate gate, Clock clock) {
        this.activity = activity;
        this.gate = gate;
        this.clock = clock;
        this.instances = instances;
        this.suppressions = suppressions;
        this.keywords = keywords;
    }

    @Override
    public InboundResult receive(InboundMessage message) {
        List<FieldError> problems = new ArrayList<>();
        Optional<PhoneNumber> from = message.from() == null ? Optional.empty() : PhoneNumber.parse(message.from());
        if (from.isEmpty()) {
            problems.add(new FieldError("from", "must be an international number in E.164 form, starting with +"));
        }
        if (message.text() == null || message.text().length() > MAX_TEXT) {
            problems.add(new FieldError("text", "is required, at most " + MAX_TEXT + " characters"));
        }
        Optional<Instance> instance = instances.find(Optional.empty(), message.instanceId());
        if (instance.isEmpty()) {
            return new InboundResult.UnknownInstance();
        }
        if (message.viaSandbox() && !SANDBOX.equals(instance.get().transport())) {
            return new InboundResult.NotASandboxInstance();
        }
        if (!problems.isEmpty()) {
            return new InboundResult.Invalid(problems);
        }
        // Every message the recipient wrote opens their customer-service window (contract §13), a keyword too.
        gate.recipientWrote(instance.get().id(), from.get(), wroteAt(message.receivedAt()));
        return switch (keywords.classify(message.text())) {
            case OPT_OUT -> {
                activity.inboundReceived(InboundKind.OPT_OUT);
                yield optOut(instance.get(), from.get(), message);
            }
            case OPT_IN -> {
                activity.inboundReceived(InboundKind.OPT_IN);
                yield optIn(instance.get(), from.get(), message);
            }
            case NONE -> {
                activity.inboundReceived(InboundKind.OTHER);
                yield new InboundResult.NoChange();
            }
        };
    }

    /**
     * The provider's time of the message, never later than now: a provider's clock running ahead must not keep a
     * window open past 24 hours of the gateway's time.
     */
    private Instant wroteAt(Instant receivedAt) {
        Instant now = clock.instant();
        return receivedAt.isAfter(now) ? now : receivedAt;
    }

    private InboundResult optOut(Instance instance, PhoneNumber from, InboundMessage message) {
        Suppression stop = new Suppression(instance.id(), from, SuppressionReason.RECIPIENT_REQUESTED_STOP,
                SuppressedBy.RECIPIENT, message.receivedAt());
        ClientEvent event = new ClientEvent.RecipientOptedOut(instance.id(), instance.name(), from, message.text(),
                message.receivedAt());
        boolean added = suppressions.add(stop, "recipient wrote: " + message.text(), Optional.of(event));
        return added ? new InboundResult.OptedOut() : new InboundResult.NoChange();
    }

    /** Lifts only the recipient's own stop: a block by the client or an operator stays. */
    private InboundResult optIn(Instance instance, PhoneNumber from, InboundMessage message) {
        ClientEvent event = new ClientEvent.RecipientOptedIn(instance.id(), instance.name(), from, message.text(),
                message.receivedAt());
        boolean lifted = suppressions.lift(instance.id(), from, SuppressionReason.RECIPIENT_REQUESTED_STOP,
                SuppressedBy.RECIPIENT, message.receivedAt(), "recipient wrote: " + message.text(), Optional.of(event));
        return lifted ? new InboundResult.OptedIn() : new InboundResult.NoChange();
    }
}
