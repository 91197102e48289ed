package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's API of contract §9, on real PostgreSQL. */
class AdminApiEndToEndTest {
    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void theAdminApiNeedsTheAdminToken() {
        assertEquals(401, gateway.call("POST", "/admin/accounts", "{\"name\": \"x\"}", Map.of("Content-Type", "application/json")).status());
        Response wrong = gateway.call("POST", "/admin/accounts", "{\"name\": \"x\"}",
                Map.of("Authorization", "Bearer not-the-token", "Content-Type", "application/json"));
        assertEquals(401, wrong.status());
        assertFalse(wrong.json().getBoolean("success"));
    }

    @Test
    void accountsKeysAndInstancesAreCreatedAndInstancesChanged() {
        JsonObject account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Clinic\", \"timezone\": \"Asia/Riyadh\"}").json();
        assertEquals("Asia/Riyadh", account.getString("timezone"));
        String accountId = account.getString("account_id");

        Response key = gateway.admin("POST", "/admin/accounts/" + accountId + "/api-keys", "");
        assertEquals(201, key.status());
        assertTrue(key.json().getString("api_key").startsWith("gk_live_"));

        Response created = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + accountId
                + "\", \"instance_id\": \"clinic-reminders\", \"name\": \"Clinic reminders\", \"plan\": \"growth\","
                // Resolvable without a network; the test gateway allows private destinations.
                + " \"webhook_url\": \"http://127.0.0.1:9/hooks/whatsapp\"}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().getString("webhook_secret").startsWith("whsec_"));
        assertEquals("sandbox", created.json().getString("transport"));
        assertEquals(409, gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + accountId
                + "\", \"instance_id\": \"clinic-reminders\", \"name\": \"Again\", \"plan\": \"growth\"}").status());

        JsonObject read = gateway.admin("GET", "/admin/instances/clinic-reminders", null).json();
        assertFalse(read.containsKey("webhook_secret"), "the secret is shown only at creation");
        assertEquals(500, read.getJsonObject("limits").getInt("daily"));
        assertEquals(60, read.getJsonObject("limits").getInt("per_minute"));
        assertEquals("active", read.getString("status"));

        JsonObject patched = gateway.admin("PATCH", "/admin/instances/clinic-reminders",
                "{\"plan\": \"scale\", \"daily_limit\": 2500}").json();
        assertEquals("scale", patched.getString("plan"));
        assertEquals(2500, patched.getJsonObject("limits").getInt("daily"));
        assertEquals(30000, patched.getJsonObject("limits").getInt("monthly"));
        JsonObject cleared = gateway.admin("PATCH", "/admin/instances/clinic-reminders", "{\"daily_limit\": null}").json();
        assertEquals(1500, cleared.getJsonObject("limits").getInt("daily"), "null gives the plan's figure back");
    }

    @Test
    void badAdminInputIsAValidationErrorListingTheFields() {
        Response invalid = gateway.admin("POST", "/admin/instances", "{\"name\": \"\", \"plan\": \"enterprise\"}");
        assertEquals(422, invalid.status(), invalid.body());
        assertEquals("validation_error", invalid.json().getString("error"));
        assertEquals(3, invalid.details().getJsonArray("fields").size(), invalid.body());
        assertEquals(404, gateway.admin("POST", "/admin/accounts/acc_missing/api-keys", "").status());
        assertEquals(404, gateway.admin("GET", "/admin/instances/nope", null).status());
        assertEquals(404, gateway.admin("POST", "/admin/api-keys/key_missing/revoke", "").status());
        Response badLimit = gateway.admin("PATCH", "/admin/instances/nope", "{\"daily_limit\": -1}");
        assertEquals(404, badLimit.status());
    }
}
