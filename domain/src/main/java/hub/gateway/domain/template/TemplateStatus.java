package hub.gateway.domain.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a template stands with WhatsApp. Only {@link #APPROVED} is sent: a {@code flagged} template is at risk of
 * being paused, and the gateway does not spend an instance's standing on it.
 */
public enum TemplateStatus {
    APPROVED,
    PENDING,
    REJECTED,
    PAUSED,
    DISABLED,
    FLAGGED,
    IN_APPEAL,
    LOCKED,
    LIMIT_EXCEEDED,
    ARCHIVED,
    PENDING_DELETION,
    DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean sendable() {
        return this == APPROVED;
    }

    /**
     * A status as Meta or the store writes it, case-insensitively. Meta's events {@code REINSTATED} and
     * {@code UNARCHIVED} say the template may be sent again: approved. Anything else unknown is empty.
     */
    public static Optional<TemplateStatus> fromWireName(String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        if (wanted.equals("REINSTATED") || wanted.equals("UNARCHIVED")) {
            return Optional.of(APPROVED);
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }
}
