package hub.gateway.application.port.in;

import hub.gateway.domain.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * A send request of an authenticated account, its fields still as the client sent them.
 *
 * @param deadline the request's arrival plus {@code GATEWAY_REQUEST_DEADLINE_MS} (contract §10): a send whose
 *                 reservation completes at or after it is not handed to the transport
 */
public record SendMessageCommand(AccountId accountId, Input instanceId, Input phone, Input message, Input messagePurpose,
                                 Instant deadline) {
    public SendMessageCommand {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(instanceId);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(message);
        Objects.requireNonNull(messagePurpose);
        Objects.requireNonNull(deadline);
    }
}
