package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.domain.webhook.ClientEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The wire form of client events: the seed's opt-out event field for field, in the seed's order, and the
 * review pause in the same style. One event
 * always renders to the same bytes, so a redelivery is byte-identical and its signature stays checkable.
 */
final class WebhookEvents {
    private WebhookEvents() {
    }

    static byte[] body(ClientEvent event) {
        return json(event).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Exhaustive over the sealed events: a new event does not compile until it has a wire form. */
    static JsonObject json(ClientEvent event) {
        return switch (event) {
            case ClientEvent.RecipientOptedOut out -> recipientEvent(ClientEvent.RecipientOptedOut.TYPE,
                    out.instanceId().value(), out.instanceName(), out.from().e164(),
                    ClientEvent.RecipientOptedOut.REASON, out.messageText(), out.timestamp());
            case ClientEvent.RecipientOptedIn in -> recipientEvent(ClientEvent.RecipientOptedIn.TYPE,
                    in.instanceId().value(), in.instanceName(), in.from().e164(),
                    ClientEvent.RecipientOptedIn.REASON, in.messageText(), in.timestamp());
            case ClientEvent.InstancePausedForReview paused -> pausedForReview(paused);
        };
    }

    /**
     * Same leading fields as the seed's event, so a receiver can route on {@code event} and {@code instance_id} alike;
     * {@code cause} says who paused (an operator, or which rule), {@code note} is an operator's, when given.
     */
    private static JsonObject pausedForReview(ClientEvent.InstancePausedForReview paused) {
        JsonObjectBuilder event = JSON.createObjectBuilder()
                .add("event", ClientEvent.InstancePausedForReview.TYPE)
                .add("instance_id", paused.instanceId().value())
                .add("instance_name", paused.instanceName())
                .add("reason", ClientEvent.InstancePausedForReview.REASON)
                .add("cause", paused.cause().wireName())
                .add("risk_score", paused.riskScore())
                .add("signals", Representations.signals(paused.signals()));
        paused.note().ifPresent(note -> event.add("note", note));
        return event.add("timestamp", timestamp(paused.timestamp())).build();
    }

    private static JsonObject recipientEvent(String type, String instanceId, String instanceName, String from,
                                             String reason, String messageText, Instant timestamp) {
        return JSON.createObjectBuilder()
                .add("event", type)
                .add("instance_id", instanceId)
                .add("instance_name", instanceName)
                .add("from", from)
                .add("reason", reason)
                .add("message_text", messageText)
                .add("timestamp", timestamp(timestamp))
                .build();
    }

    /** Seconds precision, as in the seed's example ({@code 2026-05-08T10:00:00Z}). */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
