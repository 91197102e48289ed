package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportWebhooks;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.DeliveryUpdate;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.InboundText;
import hub.gateway.domain.message.DeliveryStatus;
import jakarta.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Meta's webhooks for the WhatsApp Cloud API: the subscription handshake, and notifications signed with the
 * app secret ({@code X-Hub-Signature-256}) that carry recipients' messages and delivery statuses.
 */
final class MetaWebhooks implements TransportWebhooks {
    static final String SIGNATURE_HEADER = "x-hub-signature-256";
    private static final Pattern SIGNATURE = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    private static final String HMAC = "HmacSHA256";
    private static final Pattern LOG_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private final Optional<byte[]> appSecret;
    private final Optional<byte[]> verifyToken;

    /** A blank secret or token counts as none: an empty HMAC key or verify token would protect nothing. */
    MetaWebhooks(Optional<String> appSecret, Optional<String> verifyToken) {
        this.appSecret = appSecret.filter(secret -> !secret.isBlank()).map(MetaWebhooks::utf8);
        this.verifyToken = verifyToken.filter(token -> !token.isBlank()).map(MetaWebhooks::utf8);
    }

    /** With no verify token configured no one can subscribe, rather than anyone. */
    @Override
    public Optional<String> answerSubscription(Map<String, String> query) {
        boolean subscribe = "subscribe".equals(query.get("hub.mode"));
        Optional<String> offered = Optional.ofNullable(query.get("hub.verify_token"));
        boolean tokenMatches = verifyToken.isPresent() && offered.isPresent()
                && MessageDigest.isEqual(verifyToken.get(), utf8(offered.get()));
        return subscribe && tokenMatches ? Optional.ofNullable(query.get("hub.challenge")) : Optional.empty();
    }

    /** Nothing is read before the signature holds: an unsigned body is not even parsed. */
    @Override
    public WebhookRead read(Map<String, String> headers, byte[] body) {
        if (!signedByMeta(headers, body)) {
            return new WebhookRead.Unauthenticated();
        }
        try {
            JsonObject notification = JsonTrees.parse(body).flatMap(JsonTrees::asObject)
                    .orElseThrow(() -> new WrongShape("the body is not a JSON object"));
            return new WebhookRead.Updates(updates(notification));
        } catch (WrongShape e) {
            return new WebhookRead.Malformed(e.getMessage());
        }
    }

    private boolean signedByMeta(Map<String, String> headers, byte[] body) {
        if (appSecret.isEmpty()) {
            return false;
        }
        var signature = SIGNATURE.matcher(header(headers, SIGNATURE_HEADER).orElse("").strip());
        if (!signature.matches()) {
            return false;
        }
        byte[] claimed = HexFormat.of().parseHex(signature.group(1));
        return MessageDigest.isEqual(hmac(appSecret.get(), body), claimed);
    }

    /** The port promises lower-case names; a proxy that forwards another spelling should still work. */
    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256; without it the gateway is broken, not the request.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * {@code {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages",
     * "value": {...}}]}]}}: {@code messages} (by the value's phone number id), and the templates' status and quality
     * news (by the entry's id, the WhatsApp Business Account); changes of other fields are not ours and are skipped.
     */
    private static List<TransportUpdate> updates(JsonObject notification) {
        if (!"whatsapp_business_account".equals(JsonTrees.string(notification, "object").orElse(null))) {
            throw new WrongShape("\"object\" is not \"whatsapp_business_account\"");
        }
        if (JsonTrees.array(notification, "entry").isEmpty()) {
            throw new WrongShape("\"entry\" is not an array");
        }
        List<TransportUpdate> updates = new ArrayList<>();
        for (JsonObject entry : JsonTrees.objects(notification, "entry")) {
            for (JsonObject change : JsonTrees.objects(entry, "changes")) {
                String field = JsonTrees.string(change, "field").orElse("");
                if ("messages".equals(field)) {
                    updates.addAll(fromValue(JsonTrees.object(change, "value")
                            .orElseThrow(() -> new WrongShape("a \"messages\" change has no \"value\""))));
                } else if (TemplateNews.FIELDS.contains(field)) {
                    TemplateNews.of(entry, field, JsonTrees.object(change, "value")
                            .orElseThrow(() -> new WrongShape("a \"" + field + "\" change has no \"value\"")))
                            .ifPresent(updates::add);
                }
            }
        }
        return updates;
    }

    private static List<TransportUpdate> fromValue(JsonObject value) {
        String accountRef = JsonTrees.object(value, "metadata").flatMap(metadata -> JsonTrees.text(metadata, "phone_number_id"))
                .orElseThrow(() -> new WrongShape("a change has no \"metadata.phone_number_id\""));
        List<TransportUpdate> updates = new ArrayList<>();
        for (JsonObject message : JsonTrees.objects(value, "messages")) {
            inboundText(accountRef, message).ifPresent(updates::add);
        }
        for (JsonObject status : JsonTrees.objects(value, "statuses")) {
            deliveryUpdate(accountRef, status).ifPresent(updates::add);
        }
        return updates;
    }

    /** Images, locations, reactions and the like carry no text an opt-out could be read from. */
    private static Optional<TransportUpdate> inboundText(String accountRef, JsonObject message) {
        Optional<String> text = textOf(message);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String from = required(message, "from", "a message");
        return Optional.of(new InboundText(accountRef, from.startsWith("+") ? from : "+" + from, text.get(),
                at(message, "a message"), required(message, "id", "a message")));
    }

    /** A text, or the label of a quick-reply or interactive button, which is what the recipient "said". */
    private static Optional<String> textOf(JsonObject message) {
        return switch (JsonTrees.string(message, "type").orElse("")) {
            case "text" -> JsonTrees.object(message, "text").flatMap(text -> JsonTrees.string(text, "body"));
            case "button" -> JsonTrees.object(message, "button").flatMap(button -> JsonTrees.string(button, "text"));
            case "interactive" -> JsonTrees.object(message, "interactive")
                    .flatMap(interactive -> JsonTrees.object(interactive, "button_reply")
                            .or(() -> JsonTrees.object(interactive, "list_reply")))
                    .flatMap(reply -> JsonTrees.string(reply, "title"));
            default -> Optional.empty();
        };
    }

    /** Statuses Meta may add later (such as "deleted") are skipped rather than refused. */
    private static Optional<TransportUpdate> deliveryUpdate(String accountRef, JsonObject status) {
        Optional<DeliveryStatus> known = JsonTrees.string(status, "status").flatMap(DeliveryStatus::fromWireName);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> error = JsonTrees.objects(status, "errors").stream().findFirst()
                .flatMap(MetaErrors::fromError)
                .map(failed -> failed.code() + " " + failed.title());
        return Optional.of(new DeliveryUpdate(accountRef, required(status, "id", "a status"), logId(status), known.get(),
                at(status, "a status"), error));
    }

    /**
     * The send's {@code biz_opaque_callback_data}, where MetaCloudTransport puts the log id. A value that is not a log
     * id (another application's sends on the same number) is left out rather than refused: the status is still read.
     */
    private static Optional<Long> logId(JsonObject status) {
        return JsonTrees.string(status, "biz_opaque_callback_data").filter(id -> LOG_ID.matcher(id).matches()).flatMap(digits -> {
            try {
                return Optional.of(Long.parseLong(digits));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Meta's timestamps are epoch seconds, written as a string. */
    private static Instant at(JsonObject item, String what) {
        String timestamp = required(item, "timestamp", what);
        try {
            return Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | DateTimeException e) {
            throw new WrongShape(what + " has a \"timestamp\" that is not epoch seconds");
        }
    }

    private static String required(JsonObject item, String key, String what) {
        return JsonTrees.text(item, key).filter(value -> !value.isBlank())
                .orElseThrow(() -> new WrongShape(what + " has no \"" + key + "\""));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Unwinds the nested reading in one step; it never leaves this class, where it becomes Malformed. */
    private static final class WrongShape extends RuntimeException {
        WrongShape(String reason) {
            super(reason, null, false, false);
        }
    }
}
