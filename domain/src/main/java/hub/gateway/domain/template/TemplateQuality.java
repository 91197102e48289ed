package hub.gateway.domain.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Meta's quality rating of a template, from recipients' feedback ({@code message_template_quality_update}). */
public enum TemplateQuality {
    GREEN,
    YELLOW,
    RED,
    UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TemplateQuality> fromWireName(String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(q -> q.name().equals(wanted)).findFirst();
    }
}
