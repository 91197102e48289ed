package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport.Delivery.Failed;
import jakarta.json.JsonObject;

import java.util.Map;
import java.util.Optional;

/**
 * Meta's error objects, in the send answer and in failed delivery statuses, turned into a code and a short
 * title the client can be shown. A few frequent codes get a clearer title than Meta's own wording.
 */
final class MetaErrors {
    /** Titles end up in the message log and in client webhooks; Meta's texts can run to paragraphs. */
    static final int MAX_TITLE_LENGTH = 200;

    private static final Map<String, String> CLEARER_TITLES = Map.of(
            "131026", "Message undeliverable",
            "131047", "Re-engagement message: more than 24 hours since the customer last replied",
            "130429", "Rate limit hit",
            "131056", "Pair rate limit hit: too many messages to this recipient",
            "190", "Access token expired or invalid");

    private MetaErrors() {
    }

    /** The Graph API error envelope {@code {"error": {...}}}; empty when the body is not one. */
    static Optional<Failed> fromErrorBody(JsonObject body) {
        return JsonTrees.object(body, "error").flatMap(MetaErrors::fromError);
    }

    /** One error object, as in the envelope or in a status's {@code errors}; empty when it has no code. */
    static Optional<Failed> fromError(JsonObject error) {
        return JsonTrees.text(error, "code").map(code -> new Failed(code, title(code, error)));
    }

    /**
     * Meta's {@code message} (or, in statuses, {@code title}) is generic for some codes, so the details
     * come next; a code without either still gets a sentence.
     */
    private static String title(String code, JsonObject error) {
        Optional<String> clearer = Optional.ofNullable(CLEARER_TITLES.get(code));
        Optional<String> details = JsonTrees.object(error, "error_data").flatMap(data -> JsonTrees.string(data, "details"));
        String title = clearer
                .or(() -> nonBlank(JsonTrees.string(error, "message")))
                .or(() -> nonBlank(JsonTrees.string(error, "title")))
                .or(() -> nonBlank(details))
                .orElse("The WhatsApp Cloud API refused the message (error " + code + ").");
        return shortened(title);
    }

    static String shortened(String title) {
        String oneLine = title.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TITLE_LENGTH ? oneLine : oneLine.substring(0, MAX_TITLE_LENGTH - 1) + "…";
    }

    private static Optional<String> nonBlank(Optional<String> text) {
        return text.filter(t -> !t.isBlank());
    }
}
