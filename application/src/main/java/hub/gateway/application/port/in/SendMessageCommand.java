package hub.gateway.application.port.in;

import hub.gateway.domain.AccountId;

import java.util.Objects;

/** A send request of an authenticated account, its fields still as the client sent them. */
public record SendMessageCommand(AccountId accountId, Input instanceId, Input phone, Input message, Input messagePurpose) {
    public SendMessageCommand {
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(instanceId);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(message);
        Objects.requireNonNull(messagePurpose);
    }
}
