package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A send request of an authenticated account, its fields still as the client sent them.
 *
 * @param deadline       the request's arrival plus {@code GATEWAY_REQUEST_DEADLINE_MS} (contract §10): a send
 *                       whose reservation completes at or after it is not handed to the transport
 * @param idempotencyKey the request's claimed {@code Idempotency-Key}, if it came with one: the reservation links
 *                       it to the send's log row, so that a retry after a crash is answered from that row
 * @param template       {@code {name, language, parameters}}: a template to send instead of {@code message}
 *                       (contract §13); exactly one of the two is given
 */
public record SendMessageCommand(AccountId accountId, Input instanceId, Input phone, Input message, Input messagePurpose,
                                 Instant deadline, Optional<String> idempotencyKey, Input template) {
    public SendMessageCommand {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(instanceId);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(message);
        Objects.requireNonNull(messagePurpose);
        Objects.requireNonNull(deadline);
        Objects.requireNonNull(idempotencyKey);
        Objects.requireNonNull(template);
    }

    /** A request without a template. */
    public SendMessageCommand(AccountId accountId, Input instanceId, Input phone, Input message, Input messagePurpose,
                              Instant deadline, Optional<String> idempotencyKey) {
        this(accountId, instanceId, phone, message, messagePurpose, deadline, idempotencyKey, Input.MISSING);
    }

    /** A request without an Idempotency-Key or a template. */
    public SendMessageCommand(AccountId accountId, Input instanceId, Input phone, Input message, Input messagePurpose,
                              Instant deadline) {
        this(accountId, instanceId, phone, message, messagePurpose, deadline, Optional.empty());
    }

    public SendMessageCommand withIdempotencyKey(String key) {
        return new SendMessageCommand(accountId, instanceId, phone, message, messagePurpose, deadline, Optional.of(key),
                template);
    }

    public SendMessageCommand withTemplate(Input newTemplate) {
        return new SendMessageCommand(accountId, instanceId, phone, message, messagePurpose, deadline, idempotencyKey,
                newTemplate);
    }
}
