package hub.gateway.domain.operator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the operator audit log: when, who (the operator's name, kept as it was), what, on what (an instance
 * id, an account id, {@code instance/phone}, …) and the operator's note, if any.
 */
public record AuditEntry(Instant at, String operator, AuditAction action, String target, Optional<String> note) {
    public AuditEntry {
        Objects.requireNonNull(at);
        Objects.requireNonNull(operator);
        Objects.requireNonNull(action);
        Objects.requireNonNull(target);
        Objects.requireNonNull(note);
    }

    public static AuditEntry of(Operator by, AuditAction action, String target, Instant at) {
        return new AuditEntry(at, by.name(), action, target, Optional.empty());
    }

    public AuditEntry withNote(Optional<String> note) {
        return new AuditEntry(at, operator, action, target, note);
    }
}
