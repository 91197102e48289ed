package hub.gateway.bootstrap;

import static hub.gateway.bootstrap.GatewayUnderTest.onFreshDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The whole gateway serves its description at /openapi: the file as YAML, its JSON on request, no key needed. */
class OpenApiEndToEndTest {
    @RegisterExtension
    static final GatewayUnderTest gateway = onFreshDatabase();

    @Test
    void theDescriptionIsServedAsWrittenAndAsJson() throws IOException {
        GatewayUnderTest.Response yaml = gateway.call("GET", "/openapi", null, Map.of());
        assertEquals(200, yaml.status());
        assertTrue(yaml.header("Content-Type").orElseThrow().startsWith("application/yaml"));
        try (InputStream file = getClass().getClassLoader().getResourceAsStream("openapi/gateway.yaml")) {
            assertEquals(new String(file.readAllBytes(), StandardCharsets.UTF_8), yaml.body());
        }

        GatewayUnderTest.Response json = gateway.call("GET", "/openapi", null, Map.of("Accept", "application/json"));
        assertEquals(200, json.status());
        JsonObject description = json.json();
        assertEquals("3.1.0", description.getString("openapi"));
        assertTrue(description.getJsonObject("paths").containsKey("/api/send-message"));
        assertTrue(description.getJsonObject("webhooks").containsKey("recipient.opted_out"));
        assertEquals(Map.of("type", "http", "scheme", "bearer"), Map.of(
                "type", description.getJsonObject("components").getJsonObject("securitySchemes")
                        .getJsonObject("adminToken").getString("type"),
                "scheme", description.getJsonObject("components").getJsonObject("securitySchemes")
                        .getJsonObject("adminToken").getString("scheme")));
    }
}
