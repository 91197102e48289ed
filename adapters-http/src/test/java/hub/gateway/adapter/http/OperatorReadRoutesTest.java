package hub.gateway.adapter.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's read routes at the edge: their shapes, pages, bad cursors and limits, and what they never show. */
class OperatorReadRoutesTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @Test
    void everyReadRouteNeedsTheAdminToken() throws Exception {
        for (String path : new String[] {"/admin/review", "/admin/overview", "/admin/accounts",
                "/admin/accounts/acc_1/api-keys", "/admin/instances", "/admin/instances/inst_12345/messages",
                "/admin/instances/inst_12345/suppressions"}) {
            assertError(edge.call("GET", path, Map.of(), null), 401, "unauthorized");
        }
    }

    @Test
    void theReviewListShowsThePauseItsEvidenceAndRefusalsWithTheNextCursor() throws Exception {
        JsonObject body = json(admin("/admin/review"));
        JsonObject paused = body.getJsonArray("instances").getJsonObject(0);
        assertEquals("inst_12345", paused.getString("instance_id"));
        assertEquals("Z", paused.getString("timezone"), "the fake's account is on ZoneOffset.UTC");
        assertEquals("rules", paused.getString("paused_by"));
        assertEquals("pause_instance", paused.getJsonObject("pause").getString("action"));
        assertEquals("limited offer", paused.getJsonObject("pause").getJsonArray("signals").getJsonObject(0)
                .getString("evidence"));
        assertEquals(2, paused.getJsonArray("assessments").size());
        assertEquals("policy_violation", paused.getJsonArray("recent_refusals").getJsonObject(0).getString("error"));
        assertEquals(FakeUseCases.CURSOR, body.getString("next_cursor"));

        JsonObject last = json(admin("/admin/review?cursor=" + FakeUseCases.CURSOR));
        assertEquals(JsonValue.NULL, last.get("next_cursor"));
    }

    @Test
    void aCursorTheListDidNotGiveOutIsAValidationErrorNamingCursor() throws Exception {
        for (String path : new String[] {"/admin/review", "/admin/accounts", "/admin/instances",
                "/admin/instances/inst_12345/messages", "/admin/instances/inst_12345/suppressions"}) {
            HttpResponse<String> res = admin(path + "?cursor=not-ours");
            assertError(res, 422, "validation_error");
            assertEquals("cursor", json(res).getJsonObject("details").getJsonArray("fields").getJsonObject(0)
                    .getString("field"), path);
        }
    }

    @Test
    void aLimitOutOfRangeIsAValidationErrorNamingLimit() throws Exception {
        for (String path : new String[] {"/admin/review", "/admin/accounts", "/admin/instances",
                "/admin/instances/inst_12345/messages", "/admin/instances/inst_12345/suppressions"}) {
            HttpResponse<String> res = admin(path + "?limit=501");
            assertError(res, 422, "validation_error");
            assertTrue(res.body().contains("\"limit\""), path + ": " + res.body());
        }
    }

    @Test
    void anUnknownInstanceOrAccountIsNotFound() throws Exception {
        assertError(admin("/admin/instances/nope/messages"), 404, "not_found");
        assertError(admin("/admin/instances/nope/suppressions"), 404, "not_found");
        assertError(admin("/admin/accounts/acc_nope/api-keys"), 404, "not_found");
    }

    @Test
    void theSearchPassesItsTextAndAnswersInstancesWithUsageAndTimezone() throws Exception {
        JsonObject body = json(admin("/admin/instances?q=Demo"));
        assertEquals("Demo", fakes.lastSearch.get());
        JsonObject instance = body.getJsonArray("instances").getJsonObject(0);
        assertEquals(40, instance.getJsonObject("usage").getInt("daily"));
        assertEquals("Z", instance.getString("timezone"));
        assertEquals(JsonValue.NULL, body.get("next_cursor"));
    }

    @Test
    void messagesAndSuppressionsComeWithTheirHistories() throws Exception {
        JsonObject messages = json(admin("/admin/instances/inst_12345/messages"));
        assertEquals(4, messages.getJsonArray("messages").getJsonObject(0).getJsonArray("status_history").size());
        JsonObject suppressions = json(admin("/admin/instances/inst_12345/suppressions"));
        JsonObject audit = suppressions.getJsonArray("suppressions").getJsonObject(0).getJsonArray("history")
                .getJsonObject(0);
        assertEquals("added", audit.getString("action"));
        assertEquals("client API", audit.getString("note"));
    }

    @Test
    void accountsAndKeysAreListedWithoutAnySecret() throws Exception {
        JsonObject accounts = json(admin("/admin/accounts"));
        assertEquals(1, accounts.getJsonArray("accounts").getJsonObject(0).getInt("instances"));
        assertEquals("Asia/Riyadh", accounts.getJsonArray("accounts").getJsonObject(0).getString("timezone"));
        HttpResponse<String> keys = admin("/admin/accounts/acc_1/api-keys");
        JsonObject key = json(keys).getJsonArray("api_keys").getJsonObject(0);
        assertEquals(java.util.Set.of("api_key_id", "prefix", "created_at", "revoked_at"), key.keySet());
        assertEquals("gk_live_abcdefgh", key.getString("prefix"));
    }

    @Test
    void theOverviewNamesRefusalsByTheirWireCode() throws Exception {
        JsonObject overview = json(admin("/admin/overview"));
        assertEquals(24, overview.getJsonArray("hours").size());
        assertEquals("sending_throttled", overview.getJsonArray("top_refusals").getJsonObject(0).getString("error"));
        assertEquals(60, overview.getJsonObject("webhook_backlog").getInt("oldest_age_seconds"));
        assertError(edge.call("POST", "/admin/overview", Map.of("Authorization", "Bearer " + ADMIN_TOKEN), ""), 405,
                "method_not_allowed");
    }

    private static HttpResponse<String> admin(String path) throws Exception {
        return edge.call("GET", path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);
    }
}
