package hub.gateway.application.port.in;

import java.time.Instant;

/**
 * A message a recipient sent to an instance, from any transport. An opt-out keyword suppresses the
 * sender for that instance and tells the client by webhook; an opt-in keyword lifts the sender's own
 * opt-out (never a block) and tells the client too; anything else changes nothing.
 */
public interface ReceiveInboundMessageUseCase {
    InboundResult receive(InboundMessage message);

    /**
     * @param instanceId as the transport names it
     * @param from       the sender's number as the transport gives it
     * @param viaSandbox true for the sandbox's simulation endpoint, which only sandbox instances accept
     */
    record InboundMessage(String instanceId, String from, String text, Instant receivedAt, boolean viaSandbox) {
    }

    sealed interface InboundResult {
        record OptedOut() implements InboundResult {
        }

        record OptedIn() implements InboundResult {
        }

        /** Not a keyword, or a keyword that changes nothing (a second STOP, a START with no stop to lift). */
        record NoChange() implements InboundResult {
        }

        record UnknownInstance() implements InboundResult {
        }

        /** The sandbox simulation was asked for an instance on another transport. */
        record NotASandboxInstance() implements InboundResult {
        }

        record Invalid(java.util.List<hub.gateway.domain.message.FieldError> fields) implements InboundResult {
        }
    }
}
