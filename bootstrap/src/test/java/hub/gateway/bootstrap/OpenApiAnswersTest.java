package hub.gateway.bootstrap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Optional;

/** The check every end-to-end answer goes through must catch an answer that strays from the description. */
class OpenApiAnswersTest {
    private static final Optional<String> JSON = Optional.of("application/json");
    private static final String ERROR_BODY = "{\"success\": false, \"error\": \"sending_throttled\", \"message\": \"x\","
            + " \"details\": {\"action\": \"throttle\", \"risk_score\": 65, \"limit\": 20, \"used\": 20, \"retry_after_seconds\": 3}}";

    @Test
    void aDescribedAnswerPasses() {
        assertDoesNotThrow(() -> OpenApiAnswers.check("POST", "/api/send-message", 200, JSON,
                "{\"success\": true, \"status\": \"sent\", \"message_id\": \"sandbox.1\", \"log_id\": 7}"));
        assertDoesNotThrow(() -> OpenApiAnswers.check("POST", "/api/send-message", 429, JSON, ERROR_BODY));
        assertDoesNotThrow(() -> OpenApiAnswers.check("GET", "/api/messages/12?x=1", 404, JSON,
                ERROR_BODY.replace("sending_throttled", "not_found").replace("throttle", "block")));
        assertDoesNotThrow(() -> OpenApiAnswers.check("GET", "/nowhere", 404, JSON, ERROR_BODY));
    }

    @Test
    void aMissingFieldFails() {
        AssertionError error = assertThrows(AssertionError.class, () -> OpenApiAnswers.check("POST",
                "/api/send-message", 200, JSON, "{\"success\": true, \"status\": \"sent\", \"message_id\": \"m\"}"));
        assertTrue(error.getMessage().contains("log_id"), error.getMessage());
    }

    @Test
    void aFieldTheDescriptionDoesNotHaveFails() {
        assertThrows(AssertionError.class, () -> OpenApiAnswers.check("GET", "/observe/health", 200, JSON,
                "{\"status\": \"UP\", \"db\": \"ok\"}"));
        assertThrows(AssertionError.class, () -> OpenApiAnswers.check("POST", "/api/send-message", 429, JSON,
                ERROR_BODY.replace("{\"success\"", "{\"extra\": 1, \"success\"")));
    }

    @Test
    void aWrongTypeFails() {
        assertThrows(AssertionError.class, () -> OpenApiAnswers.check("POST", "/admin/instances/abc/webhook-deliveries/5/replay",
                200, JSON, "{\"event_id\": \"5\", \"status\": \"pending\"}"));
    }

    @Test
    void anUndescribedStatusOrRouteFails() {
        // The live probe lists 200 and its default (an error): a 503 in the health shape is not described for it.
        assertThrows(AssertionError.class, () -> OpenApiAnswers.check("GET", "/observe/health/live", 503, JSON,
                "{\"status\": \"DOWN\"}"));
        assertThrows(AssertionError.class, () -> OpenApiAnswers.check("GET", "/api/secret", 200, JSON, "{}"));
        assertThrows(AssertionError.class, () -> OpenApiAnswers.check("GET", "/openapi", 200,
                Optional.of("text/html"), "<html></html>"));
    }

    @Test
    void aWebhookEventIsHeldToTheDescriptionsWebhooks() {
        java.util.Map<String, String> headers = java.util.Map.of("webhook-id", "evt_1", "webhook-timestamp", "1778234400",
                "webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
        String body = "{\"event\": \"recipient.opted_out\", \"instance_id\": \"i\", \"instance_name\": \"n\","
                + " \"from\": \"+966501234567\", \"reason\": \"recipient_requested_stop\", \"message_text\": \"STOP\","
                + " \"timestamp\": \"2026-05-08T10:00:00Z\"}";
        assertDoesNotThrow(() -> OpenApiAnswers.checkEvent(headers, body));
        assertThrows(AssertionError.class, () -> OpenApiAnswers.checkEvent(
                java.util.Map.of("webhook-id", "evt_1", "webhook-timestamp", "1778234400"), body));
        assertThrows(AssertionError.class, () -> OpenApiAnswers.checkEvent(headers, body.replace("STOP\",", "STOP\", \"extra\": 1,")));
        assertThrows(AssertionError.class, () -> OpenApiAnswers.checkEvent(headers, body.replace("recipient.opted_out", "recipient.moved")));
        java.util.Map<String, String> badSignature = new java.util.HashMap<>(headers);
        badSignature.put("webhook-signature", "sha256=abc");
        assertThrows(AssertionError.class, () -> OpenApiAnswers.checkEvent(badSignature, body));
    }
}
