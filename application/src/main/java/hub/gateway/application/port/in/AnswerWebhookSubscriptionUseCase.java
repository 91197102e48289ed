package hub.gateway.application.port.in;

import java.util.Map;
import java.util.Optional;

/** A transport provider's subscription handshake for its webhooks. */
public interface AnswerWebhookSubscriptionUseCase {
    /** The challenge to echo, when the provider's verify token matches; empty otherwise (or for an unknown transport). */
    Optional<String> answerSubscription(String transport, Map<String, String> query);
}
