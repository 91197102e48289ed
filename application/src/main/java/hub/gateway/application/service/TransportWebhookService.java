package hub.gateway.application.service;

import hub.gateway.application.port.in.AnswerWebhookSubscriptionUseCase;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.Templates;
import hub.gateway.application.port.out.TransportWebhooks;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate;
import hub.gateway.application.port.out.TransportWebhooks.WebhookRead;
import hub.gateway.application.port.out.Transports;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Acts on a transport's webhook once the transport has verified and read it. Work is done before the
 * answer: a failure (the database away) answers an error, and the provider re-delivers; a re-delivery
 * applies nothing twice.
 */
final class TransportWebhookService implements ReceiveTransportWebhookUseCase, AnswerWebhookSubscriptionUseCase {
    private static final System.Logger LOG = System.getLogger(TransportWebhookService.class.getName());

    private final Transports transports;
    private final Instances instances;
    private final MessageLog messageLog;
    private final ReceiveInboundMessageUseCase inbound;
    private final Templates templates;

    TransportWebhookService(Transports transports, Instances instances, MessageLog messageLog,
                            ReceiveInboundMessageUseCase inbound, Templates templates) {
        this.templates = templates;
        this.transports = transports;
        this.instances = instances;
        this.messageLog = messageLog;
        this.inbound = inbound;
    }

    @Override
    public Optional<String> answerSubscription(String transport, Map<String, String> query) {
        return transports.webhooks(transport).flatMap(webhooks -> webhooks.answerSubscription(query));
    }

    @Override
    public WebhookReceipt receive(String transport, Optional<String> instanceId, Map<String, String> headers,
                                  byte[] body) {
        return instanceId.isPresent() ? receiveFor(transport, instanceId.get(), headers, body)
                : receive(transport, headers, body);
    }

    private WebhookReceipt receive(String transport, Map<String, String> headers, byte[] body) {
        Optional<TransportWebhooks> webhooks = transports.webhooks(transport);
        if (webhooks.isEmpty()) {
            return new WebhookReceipt.UnknownTransport();
        }
        return receipt(webhooks.get().read(headers, body), update -> apply(transport, update));
    }

    private WebhookReceipt receiveFor(String transport, String instanceId, Map<String, String> headers, byte[] body) {
        Optional<TransportWebhooks> webhooks = transports.webhooks(transport);
        if (webhooks.isEmpty()) {
            return new WebhookReceipt.UnknownTransport();
        }
        Optional<Instance> instance = InstanceId.isWellFormed(instanceId)
                ? instances.find(new InstanceId(instanceId)).filter(found -> found.transport().equals(transport))
                : Optional.empty();
        if (instance.isEmpty()) {
            return new WebhookReceipt.Unauthenticated();
        }
        return receipt(webhooks.get().readFor(instance.get().transportAccount(), headers, body),
                update -> applyTo(instance.get(), update));
    }

    private static WebhookReceipt receipt(WebhookRead read, Predicate<TransportUpdate> apply) {
        return switch (read) {
            case WebhookRead.Unauthenticated unauthenticated -> new WebhookReceipt.Unauthenticated();
            case WebhookRead.Malformed malformed -> new WebhookReceipt.Malformed(malformed.reason());
            case WebhookRead.Misdirected misdirected -> new WebhookReceipt.Misdirected(misdirected.reason());
            case WebhookRead.Updates updates -> {
                int applied = 0;
                for (TransportUpdate update : updates.updates()) {
                    if (apply.test(update)) {
                        applied++;
                    }
                }
                yield new WebhookReceipt.Accepted(updates.updates().size(), applied);
            }
        };
    }

    /**
     * An update from a webhook addressed to {@code instance} and signed with its key: it concerns that instance
     * whatever it names, and it moves only that instance's rows. The transport echoes no log id, so a status finds
     * its row by the message id, among the instance's own.
     */
    private boolean applyTo(Instance instance, TransportUpdate update) {
        return switch (update) {
            case TransportUpdate.InboundText text -> inbound(instance, text);
            case TransportUpdate.DeliveryUpdate status -> messageLog.recordDeliveryStatus(new MessageLog.DeliveryReport(
                    status.providerMessageId(), Optional.empty(), status.status(), status.at(), status.error(),
                    Optional.of(instance.id())));
            // Such a transport reviews no templates (contract §14); news of them would not be its to give.
            case TransportUpdate.TemplateStatusChange change -> false;
            case TransportUpdate.TemplateQualityChange change -> false;
        };
    }

    private boolean inbound(Instance instance, TransportUpdate.InboundText text) {
        InboundResult result = inbound.receive(new InboundMessage(instance.id().value(), text.from(), text.text(),
                text.at(), false));
        return result instanceof InboundResult.OptedOut || result instanceof InboundResult.OptedIn;
    }

    private boolean apply(String transport, TransportUpdate update) {
        return switch (update) {
            case TransportUpdate.InboundText text -> {
                Optional<Instance> instance = instances.findByTransportAccount(transport, text.accountRef());
                if (instance.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, () -> "inbound message for an unknown " + transport + " account");
                    yield false;
                }
                yield inbound(instance.get(), text);
            }
            case TransportUpdate.DeliveryUpdate status -> messageLog.recordDeliveryStatus(new MessageLog.DeliveryReport(
                    status.providerMessageId(), sentAs(transport, status), status.status(), status.at(), status.error()));
            // Meta names the business account, which several instances (phone numbers) may share: each one's copy.
            case TransportUpdate.TemplateStatusChange change -> !templates.changeStatus(transport, change.accountRef(),
                    change.template(), change.status()).isEmpty();
            case TransportUpdate.TemplateQualityChange change -> !templates.changeQuality(transport, change.accountRef(),
                    change.template(), change.quality()).isEmpty();
        };
    }

    /** The row the send named, within the instance the status came for: only then may the status claim it. */
    private Optional<MessageLog.SentAs> sentAs(String transport, TransportUpdate.DeliveryUpdate status) {
        return status.logId().flatMap(logId -> instances.findByTransportAccount(transport, status.accountRef())
                .map(instance -> new MessageLog.SentAs(instance.id(), logId)));
    }
}
