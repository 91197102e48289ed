package hub.gateway.adapter.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Helidon answers before routing comes in the error shape; its own 503 carries Retry-After too. */
class JsonDirectHandlerTest {
    private final JsonDirectHandler handler = new JsonDirectHandler();

    @Test
    void helidonsOwn503CarriesRetryAfter() {
        DirectHandler.TransportResponse response = handler.handle(DirectHandler.TransportRequest.empty(),
                DirectHandler.EventType.OTHER, Status.SERVICE_UNAVAILABLE_503, ServerResponseHeaders.create(), "busy");

        assertEquals(503, response.status().code());
        assertEquals(ErrorAnswers.UNAVAILABLE_RETRY_AFTER_SECONDS,
                response.headers().get(HeaderNames.RETRY_AFTER).get());
        String body = new String(response.entity().orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"error\":\"service_unavailable\""), body);
        assertFalse(body.contains("busy"), "Helidon's message is never echoed");
    }

    @Test
    void otherRefusalsHaveNoRetryAfter() {
        DirectHandler.TransportResponse response = handler.handle(DirectHandler.TransportRequest.empty(),
                DirectHandler.EventType.BAD_REQUEST, Status.BAD_REQUEST_400, ServerResponseHeaders.create(), "bad");

        assertEquals(400, response.status().code());
        assertFalse(response.headers().contains(HeaderNames.RETRY_AFTER));
    }
}
