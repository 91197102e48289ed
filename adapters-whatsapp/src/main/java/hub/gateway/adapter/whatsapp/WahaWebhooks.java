package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportWebhooks;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.DeliveryUpdate;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.InboundText;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.account.WahaAccount;
import hub.gateway.domain.message.DeliveryStatus;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * WAHA's events for one instance (contract §14), at {@code /webhooks/waha/{instance_id}}: each body signed with the
 * instance's {@code waha_webhook_key} ({@code X-Webhook-Hmac}: hex HMAC-SHA512 of the raw body). Of the events,
 * {@code message} (a recipient's text: opt-out, opt-in, the window) and {@code message.ack} (a delivery status) are
 * read; every other event (session status, reactions, …) is accepted and ignored, so WAHA does not re-deliver it.
 */
final class WahaWebhooks implements TransportWebhooks {
    static final String SIGNATURE_HEADER = "x-webhook-hmac";
    static final String ALGORITHM_HEADER = "x-webhook-hmac-algorithm";
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{128}");
    private static final String HMAC = "HmacSHA512";
    /** A person's chat: the number's digits, then {@code @c.us} (groups are {@code @g.us}, statuses {@code status@broadcast}). */
    private static final Pattern PERSON = Pattern.compile("([1-9][0-9]{6,14})@c\\.us");

    /** WAHA's webhooks are per instance; none arrives at the gateway-wide route. */
    @Override
    public Optional<String> answerSubscription(Map<String, String> query) {
        return Optional.empty();
    }

    @Override
    public WebhookRead read(Map<String, String> headers, byte[] body) {
        return new WebhookRead.Unauthenticated();
    }

    /** Nothing is read before the signature holds: an unsigned body is not even parsed. */
    @Override
    public WebhookRead readFor(TransportAccount account, Map<String, String> headers, byte[] body) {
        WahaAccount waha = account.waha();
        if (!signed(waha.webhookKey(), headers, body)) {
            return new WebhookRead.Unauthenticated();
        }
        Optional<JsonObject> event = JsonTrees.parse(body).flatMap(JsonTrees::asObject);
        if (event.isEmpty()) {
            return new WebhookRead.Malformed("the body is not a JSON object");
        }
        Optional<String> session = JsonTrees.string(event.get(), "session");
        if (session.isEmpty()) {
            return new WebhookRead.Malformed("the event has no \"session\"");
        }
        if (!session.equals(waha.session())) {
            return new WebhookRead.Misdirected("the event is for another WAHA session than this instance's");
        }
        try {
            return new WebhookRead.Updates(updates(session.get(), event.get()));
        } catch (WrongShape e) {
            return new WebhookRead.Malformed(e.getMessage());
        }
    }

    /** {@code X-Webhook-Hmac-Algorithm}, when sent, must say sha512: another algorithm is not ours to accept. */
    static boolean signed(Optional<String> key, Map<String, String> headers, byte[] body) {
        if (key.filter(k -> !k.isBlank()).isEmpty()) {
            return false;
        }
        Optional<String> algorithm = header(headers, ALGORITHM_HEADER).map(String::strip);
        if (algorithm.isPresent() && !algorithm.get().equalsIgnoreCase("sha512")) {
            return false;
        }
        String claimed = header(headers, SIGNATURE_HEADER).orElse("").strip();
        if (!SIGNATURE.matcher(claimed).matches()) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key.get().getBytes(StandardCharsets.UTF_8), body),
                HexFormat.of().parseHex(claimed));
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is not available", e);
        }
    }

    private static List<TransportUpdate> updates(String session, JsonObject event) {
        String kind = JsonTrees.string(event, "event").orElseThrow(() -> new WrongShape("the event has no \"event\""));
        if (!kind.equals("message") && !kind.equals("message.ack")) {
            return List.of();
        }
        JsonObject payload = JsonTrees.object(event, "payload")
                .orElseThrow(() -> new WrongShape("a \"" + kind + "\" event has no \"payload\""));
        return kind.equals("message") ? inbound(session, payload) : ack(session, event, payload);
    }

    /**
     * A person's text to the business. The business's own messages ({@code fromMe}), groups, status broadcasts and
     * media without a caption carry nothing an opt-out could be read from.
     */
    private static List<TransportUpdate> inbound(String session, JsonObject payload) {
        if (!Boolean.FALSE.equals(bool(payload, "fromMe"))) {
            return List.of();
        }
        var person = PERSON.matcher(JsonTrees.string(payload, "from").orElse(""));
        Optional<String> text = JsonTrees.string(payload, "body").filter(body -> !body.isBlank());
        if (!person.matches() || text.isEmpty()) {
            return List.of();
        }
        return List.of(new InboundText(session, "+" + person.group(1), text.get(),
                epochSeconds(payload, "timestamp", "a message"), required(payload, "id", "a message")));
    }

    /**
     * WAHA's acknowledgement levels: SERVER (1) sent, DEVICE (2) delivered, READ (3) and PLAYED (4) read, ERROR (-1)
     * failed; PENDING (0) says nothing yet. By name, or by number when the name is absent.
     */
    private static List<TransportUpdate> ack(String session, JsonObject event, JsonObject payload) {
        Optional<DeliveryStatus> status = ackStatus(payload);
        if (status.isEmpty()) {
            return List.of();
        }
        Optional<String> error = status.get() == DeliveryStatus.FAILED
                ? Optional.of("ERROR WhatsApp reported the message as not delivered") : Optional.empty();
        return List.of(new DeliveryUpdate(session, required(payload, "id", "an ack"), Optional.empty(), status.get(),
                ackTime(event, payload), error));
    }

    static Optional<DeliveryStatus> ackStatus(JsonObject payload) {
        Optional<String> name = JsonTrees.string(payload, "ackName");
        if (name.isPresent()) {
            return switch (name.get()) {
                case "SERVER" -> Optional.of(DeliveryStatus.SENT);
                case "DEVICE" -> Optional.of(DeliveryStatus.DELIVERED);
                case "READ", "PLAYED" -> Optional.of(DeliveryStatus.READ);
                case "ERROR" -> Optional.of(DeliveryStatus.FAILED);
                default -> Optional.empty();
            };
        }
        return payload.get("ack") instanceof JsonNumber number && number.isIntegral()
                ? switch (number.intValue()) {
                    case 1 -> Optional.of(DeliveryStatus.SENT);
                    case 2 -> Optional.of(DeliveryStatus.DELIVERED);
                    case 3, 4 -> Optional.of(DeliveryStatus.READ);
                    case -1 -> Optional.of(DeliveryStatus.FAILED);
                    default -> Optional.<DeliveryStatus>empty();
                }
                : Optional.empty();
    }

    /** The event's own time (epoch milliseconds) is when the ack came; the payload's is when the message was sent. */
    private static Instant ackTime(JsonObject event, JsonObject payload) {
        if (event.get("timestamp") instanceof JsonNumber millis && millis.isIntegral()) {
            try {
                return Instant.ofEpochMilli(millis.longValueExact());
            } catch (ArithmeticException | DateTimeException e) {
                throw new WrongShape("the event has a \"timestamp\" that is not epoch milliseconds");
            }
        }
        return epochSeconds(payload, "timestamp", "an ack");
    }

    private static Instant epochSeconds(JsonObject item, String key, String what) {
        String seconds = required(item, key, what);
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException | DateTimeException e) {
            throw new WrongShape(what + " has a \"" + key + "\" that is not epoch seconds");
        }
    }

    private static Boolean bool(JsonObject item, String key) {
        return switch (item.get(key)) {
            case null -> null;
            case jakarta.json.JsonValue value when value == jakarta.json.JsonValue.TRUE -> Boolean.TRUE;
            case jakarta.json.JsonValue value when value == jakarta.json.JsonValue.FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String required(JsonObject item, String key, String what) {
        return JsonTrees.text(item, key).filter(value -> !value.isBlank())
                .orElseThrow(() -> new WrongShape(what + " has no \"" + key + "\""));
    }

    /** Unwinds the nested reading in one step; it never leaves this class, where it becomes Malformed. */
    private static final class WrongShape extends RuntimeException {
        WrongShape(String reason) {
            super(reason, null, false, false);
        }
    }
}
