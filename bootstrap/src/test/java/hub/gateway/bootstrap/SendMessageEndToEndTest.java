package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every answer of POST /api/send-message that this release covers, through real HTTP on real PostgreSQL. */
class SendMessageEndToEndTest {
    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void aTransactionalMessageIsSentAndCanBeReadBack() {
        Client client = gateway.newClient("starter");
        Response sent = gateway.send(client, "+966 50 123 4567", "Your order #2041 has been shipped.", "transactional");
        assertEquals(200, sent.status(), sent.body());
        JsonObject body = sent.json();
        assertTrue(body.getBoolean("success"));
        assertEquals("sent", body.getString("status"));
        assertFalse(body.getString("message_id").isBlank());
        long logId = body.getJsonNumber("log_id").longValue();

        JsonObject message = gateway.get(client.apiKey(), "/api/messages/" + logId).json();
        assertEquals(client.instanceId(), message.getString("instance_id"));
        assertEquals("+966501234567", message.getString("phone"), "stored in normalised form");
        assertEquals("sent", message.getString("status"));
        assertEquals(body.getString("message_id"), message.getString("message_id"));
        assertEquals("sent", message.getJsonArray("status_history").getJsonObject(0).getString("status"));

        JsonObject usage = gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json();
        assertEquals(1, usage.getJsonObject("daily").getInt("used"));
        assertEquals(100, usage.getJsonObject("daily").getInt("limit"));
        assertEquals(2000, usage.getJsonObject("monthly").getInt("limit"));
    }

    @Test
    void missingWrongAndRevokedKeysAreRefused() {
        Client client = gateway.newClient("starter");
        String body = "{\"instance_id\": \"" + client.instanceId() + "\"}";
        assertSeedError(gateway.call("POST", "/api/send-message", body, Map.of("Content-Type", "application/json")),
                "invalid_api_key");
        assertSeedError(gateway.call("POST", "/api/send-message", body,
                Map.of("Authorization", "Basic " + client.apiKey(), "Content-Type", "application/json")), "invalid_api_key");
        assertSeedError(gateway.send("gk_live_not-a-key", body), "invalid_api_key");

        assertEquals(200, gateway.admin("POST", "/admin/api-keys/" + client.apiKeyId() + "/revoke", "").status());
        assertSeedError(gateway.send(client.apiKey(), body), "revoked_api_key");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsInvalidJson() {
        Client client = gateway.newClient("starter");
        for (String broken : List.of("{\"instance_id\": ", "[1, 2]", "", "null", "\"text\"")) {
            assertSeedError(gateway.send(client.apiKey(), broken), "invalid_json");
        }
    }

    @Test
    void purposeIsRequiredAndOnlyTheAllowedOnesPass() {
        Client client = gateway.newClient("starter");
        Response missing = gateway.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId()
                + "\", \"phone\": \"+966501234567\", \"message\": \"Hi\"}");
        assertSeedError(missing, "message_purpose_required");
        assertEquals("block", missing.details().getString("action"));
        assertEquals(0, missing.details().getInt("risk_score"));

        Response marketing = gateway.send(client, "+966501234567", "Big sale!", "Marketing");
        assertSeedError(marketing, "message_purpose_not_allowed");
        assertEquals(100, marketing.details().getInt("risk_score"));
        assertEquals(5, marketing.details().getJsonArray("allowed_purposes").size());

        Response unknown = gateway.send(client, "+966501234567", "Hello", "newsletter");
        assertSeedError(unknown, "message_purpose_not_allowed");
        assertEquals(60, unknown.details().getInt("risk_score"));
    }

    @Test
    void validationNamesEveryFailingField() {
        Client client = gateway.newClient("starter");
        Response invalid = gateway.send(client.apiKey(),
                "{\"instance_id\": 42, \"phone\": \"0501234567\", \"message\": \"  \", \"message_purpose\": \"support\"}");
        assertSeedError(invalid, "validation_error");
        List<String> fields = invalid.details().getJsonArray("fields").getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("field")).toList();
        assertEquals(List.of("instance_id", "phone", "message"), fields);
    }

    @Test
    void anUnknownInstanceAndAnotherAccountsInstanceLookTheSameAndAreLogged() {
        Client mine = gateway.newClient("starter");
        Client theirs = gateway.newClient("starter");
        Response unknown = gateway.send(new Client(mine.accountId(), "no-such-instance", mine.apiKey(), mine.apiKeyId()),
                "+966501234567", "Hi", "support");
        Response foreign = gateway.send(new Client(mine.accountId(), theirs.instanceId(), mine.apiKey(), mine.apiKeyId()),
                "+966501234567", "Hi", "support");
        assertSeedError(unknown, "invalid_instance");
        assertSeedError(foreign, "invalid_instance");
        assertEquals(unknown.details(), foreign.details());

        assertEquals(404, gateway.get(mine.apiKey(), "/api/usage?instance_id=" + theirs.instanceId()).status());
        JsonObject theirLog = gateway.get(theirs.apiKey(), "/api/messages?instance_id=" + theirs.instanceId()).json();
        assertEquals(0, theirLog.getJsonArray("messages").size(), "a refusal is logged for the caller, not the owner");
    }

    @Test
    void aPausedInstanceIsRefusedUntilResumed() {
        Client client = gateway.newClient("starter");
        assertEquals("paused_for_review", gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/pause", "")
                .json().getString("status"));
        Response paused = gateway.send(client, "+966501234567", "Your code is 482913", "authentication");
        assertSeedError(paused, "instance_paused_for_review");
        assertEquals("pause_instance", paused.details().getString("action"));
        assertEquals(100, paused.details().getInt("risk_score"));

        gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/resume", "");
        assertEquals(200, gateway.send(client, "+966501234567", "Your code is 482913", "authentication").status());
        assertRefusalLogged(client, "instance_paused_for_review");
    }

    @Test
    void sendingSpeedIsLimitedPerMinute() {
        Client client = gateway.newClient("starter");
        gateway.setLimits(client.instanceId(), "{\"per_minute_limit\": 2}");
        assertEquals(200, gateway.send(client, "+966501234567", "Ticket #1 updated", "support").status());
        assertEquals(200, gateway.send(client, "+966501234567", "Ticket #1 updated", "support").status());
        Response throttled = gateway.send(client, "+966501234567", "Ticket #1 updated", "support");
        if (throttled.status() == 200) {
            // The minute turned between the sends; the next two must still hit the limit in the new minute.
            gateway.send(client, "+966501234567", "Ticket #1 updated", "support");
            throttled = gateway.send(client, "+966501234567", "Ticket #1 updated", "support");
        }
        assertSeedError(throttled, "sending_throttled");
        assertEquals("throttle", throttled.details().getString("action"));
        assertEquals(65, throttled.details().getInt("risk_score"));
        int retryAfter = Integer.parseInt(throttled.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(retryAfter, throttled.details().getInt("retry_after_seconds"));
        assertRefusalLogged(client, "sending_throttled");
    }

    @Test
    void theDailyLimitIsExactAndReportsLimitAndUsed() {
        Client client = gateway.newClient("starter");
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 3}");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.send(client, "+966501234567", "Reminder: appointment at 10:00", "operational").status());
        }
        Response refused = gateway.send(client, "+966501234567", "Reminder: appointment at 10:00", "operational");
        assertSeedError(refused, "daily_message_limit_exceeded");
        assertEquals("block", refused.details().getString("action"));
        assertEquals(90, refused.details().getInt("risk_score"));
        assertEquals(3, refused.details().getInt("limit"));
        assertEquals(3, refused.details().getInt("used"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "points at the next midnight: " + retryAfter);
        assertRefusalLogged(client, "daily_message_limit_exceeded");
    }

    @Test
    void theMonthlyLimitIsCheckedAfterTheDailyOne() {
        Client client = gateway.newClient("growth");
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 5, \"monthly_limit\": 2}");
        gateway.send(client, "+966501234567", "Invoice INV-7 is ready", "transactional");
        gateway.send(client, "+966501234567", "Invoice INV-8 is ready", "transactional");
        Response refused = gateway.send(client, "+966501234567", "Invoice INV-9 is ready", "transactional");
        assertSeedError(refused, "monthly_message_limit_exceeded");
        assertEquals(2, refused.details().getInt("limit"));
        assertEquals(2, refused.details().getInt("used"));
        assertTrue(refused.header("Retry-After").isPresent());
    }

    @Test
    void aFailedDeliveryAnswers502AndGivesTheQuotaBack() {
        Client client = gateway.newClient("starter");
        Response failed = gateway.send(client, "+966501230000", "Your order #77 is delayed", "transactional");
        assertSeedError(failed, "gateway_send_failed");
        long logId = failed.details().getJsonNumber("log_id").longValue();
        assertEquals("failed", gateway.get(client.apiKey(), "/api/messages/" + logId).json().getString("status"));
        JsonObject usage = gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json();
        assertEquals(0, usage.getJsonObject("daily").getInt("used"));
    }

    @Test
    void edgeErrorsUseTheSameShape() {
        Client client = gateway.newClient("starter");
        assertShape(gateway.get(client.apiKey(), "/api/no-such-route"), 404, "not_found");
        assertShape(gateway.call("DELETE", "/api/send-message", null, Map.of("Authorization", "Bearer " + client.apiKey())),
                405, "method_not_allowed");
        assertShape(gateway.call("POST", "/api/send-message", "instance_id=x",
                Map.of("Authorization", "Bearer " + client.apiKey(), "Content-Type", "application/x-www-form-urlencoded")),
                415, "unsupported_media_type");
        String huge = "{\"message\": \"" + "a".repeat(70 * 1024) + "\"}";
        assertShape(gateway.send(client.apiKey(), huge), 413, "payload_too_large");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        Response echoed = gateway.call("GET", "/observe/health", null, Map.of("X-Request-Id", "trace-42"));
        assertEquals(200, echoed.status());
        assertEquals("trace-42", echoed.header("X-Request-Id").orElseThrow());
        assertTrue(gateway.call("GET", "/observe/health", null, Map.of()).header("X-Request-Id").isPresent());
    }

    private void assertRefusalLogged(Client client, String error) {
        JsonObject log = gateway.get(client.apiKey(), "/api/messages?instance_id=" + client.instanceId()).json();
        assertTrue(log.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .anyMatch(m -> m.getString("status").equals("refused") && error.equals(m.getString("error", ""))),
                "a refused row with " + error + " in " + log);
    }

    static void assertSeedError(Response response, String code) {
        SeedTexts.Row row = SeedTexts.row(code);
        assertEquals(row.status(), response.status(), response.body());
        JsonObject body = response.json();
        assertFalse(body.getBoolean("success"));
        assertEquals(code, body.getString("error"));
        assertEquals(row.message(), body.getString("message"));
        assertTrue(body.getJsonObject("details").containsKey("action"));
        assertTrue(body.getJsonObject("details").containsKey("risk_score"));
        if (row.status() == 429) {
            assertTrue(response.header("Retry-After").isPresent(), "every 429 carries Retry-After");
        }
    }

    static void assertShape(Response response, int status, String code) {
        assertEquals(status, response.status(), response.body());
        JsonObject body = response.json();
        assertFalse(body.getBoolean("success"));
        assertEquals(code, body.getString("error"));
        assertFalse(body.getString("message").isBlank());
        assertTrue(body.getJsonObject("details").containsKey("action"));
        assertTrue(body.getJsonObject("details").containsKey("risk_score"));
    }
}
