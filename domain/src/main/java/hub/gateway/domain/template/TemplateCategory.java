package hub.gateway.domain.template;

import hub.gateway.domain.message.MessagePurpose;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** WhatsApp's template categories. Only {@code utility} and {@code authentication} are ever sent by the gateway. */
public enum TemplateCategory {
    UTILITY,
    AUTHENTICATION,
    MARKETING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TemplateCategory::wireName).toList();
    }

    /** Case-insensitive (Meta writes {@code UTILITY}, the admin API {@code utility}). */
    public static Optional<TemplateCategory> fromWireName(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.wireName().equals(wanted)).findFirst();
    }

    /**
     * The category a send of this purpose needs: a login code goes out as an {@code authentication} template, every
     * other allowed purpose as {@code utility}. Nothing is ever sent as {@code marketing}.
     */
    public static TemplateCategory requiredFor(MessagePurpose purpose) {
        return purpose == MessagePurpose.AUTHENTICATION ? AUTHENTICATION : UTILITY;
    }
}
