package hub.gateway.domain.suppression;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;

import java.time.Instant;
import java.util.Objects;

/** A recipient an instance must not message (but, for a recipient's own stop, for login codes). */
public record Suppression(InstanceId instanceId, PhoneNumber phone, SuppressionReason reason, SuppressedBy by,
                         Instant since) {
    public Suppression {
        Objects.requireNonNull(instanceId);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(by);
        Objects.requireNonNull(since);
        if ((reason == SuppressionReason.RECIPIENT_REQUESTED_STOP) != (by == SuppressedBy.RECIPIENT)) {
            throw new IllegalArgumentException("only a recipient requests a stop, and a recipient only ever stops");
        }
    }

    /** A client lifts only the blocks it added itself; a recipient's stop is lifted by the recipient alone. */
    public boolean canBeLiftedBy(SuppressedBy actor) {
        return switch (reason) {
            case RECIPIENT_REQUESTED_STOP -> actor == SuppressedBy.RECIPIENT;
            case BLOCKED -> actor == SuppressedBy.ADMIN || actor == by;
        };
    }
}
