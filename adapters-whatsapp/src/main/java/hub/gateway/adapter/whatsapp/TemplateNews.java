package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.TemplateQualityChange;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.TemplateStatusChange;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;
import jakarta.json.JsonObject;

import java.util.Optional;
import java.util.Set;

/**
 * Meta's {@code message_template_status_update} ({@code event}: APPROVED, PAUSED, REJECTED, DISABLED, REINSTATED…)
 * and {@code message_template_quality_update} ({@code new_quality_score}) changes, each naming the template by
 * {@code message_template_name} and {@code message_template_language} and the business account by the entry's
 * {@code id}. An event or score the gateway does not know is skipped, not refused, as Meta adds them.
 */
final class TemplateNews {
    static final String STATUS = "message_template_status_update";
    static final String QUALITY = "message_template_quality_update";
    static final Set<String> FIELDS = Set.of(STATUS, QUALITY);

    private TemplateNews() {
    }

    static Optional<TransportUpdate> of(JsonObject entry, String field, JsonObject value) {
        Optional<String> account = JsonTrees.text(entry, "id").filter(id -> !id.isBlank());
        Optional<String> name = JsonTrees.string(value, "message_template_name");
        // Meta's reference writes the language both as en_US and as en-US.
        Optional<String> language = JsonTrees.string(value, "message_template_language").map(l -> l.replace('-', '_'));
        if (account.isEmpty() || name.isEmpty() || language.isEmpty()
                || TemplateKey.nameProblem(name.get()).isPresent() || TemplateKey.languageProblem(language.get()).isPresent()) {
            return Optional.empty();
        }
        TemplateKey key = new TemplateKey(name.get(), language.get());
        if (field.equals(STATUS)) {
            return JsonTrees.string(value, "event").flatMap(TemplateStatus::fromWireName)
                    .map(status -> new TemplateStatusChange(account.get(), key, status));
        }
        return JsonTrees.string(value, "new_quality_score").flatMap(TemplateQuality::fromWireName)
                .map(quality -> new TemplateQualityChange(account.get(), key, quality));
    }
}
