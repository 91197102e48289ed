package hub.gateway.adapter.http;

import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.domain.send.Refusal;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static hub.gateway.adapter.http.Jsons.JSON;
import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The risk assessment at the edge: the policy_violation refusal and the operator's risk-events view. */
class RiskRoutesTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final String POLICY_VIOLATION_TEXT = "This message appears to violate WhatsApp Gateway responsible "
            + "messaging rules. Bulk marketing, spam, and cold outreach are not allowed.";
    private static final String VALID_BODY = """
            {"instance_id": "inst_12345", "phone": "+966501234567", "message": "Limited offer: bit.ly/x",
             "message_purpose": "transactional"}""";
    private static final String SIGNALS_JSON = "[{\"name\":\"promotional_language\",\"weight\":40,\"evidence\":\"limited offer\"},"
            + "{\"name\":\"shortened_link\",\"weight\":30,\"evidence\":\"bit.ly\"},"
            + "{\"name\":\"promotional_language\",\"weight\":20,\"evidence\":\"خصم\"}]";

    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.send.set(c -> new SendMessageResult.Refused(new Refusal.PolicyViolation(90, FakeUseCases.signals())));
        fakes.lastRiskEventsLimit.set(null);
    }

    // --- policy_violation ---

    @Test
    void a_policy_violation_is_403_with_the_seed_text_and_the_signals_in_order() throws Exception {
        HttpResponse<String> res = call("POST", "/api/send-message", client(), VALID_BODY);

        assertEquals(403, res.statusCode(), res.body());
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElse(""));
        assertTrue(res.headers().firstValue("Retry-After").isEmpty(), "a block is not a wait");
        assertEquals("{\"success\":false,\"error\":\"policy_violation\",\"message\":\"" + POLICY_VIOLATION_TEXT + "\","
                + "\"details\":{\"action\":\"block\",\"risk_score\":90,\"signals\":" + SIGNALS_JSON + "}}", res.body());
    }

    @Test
    void a_policy_violation_is_the_seed_example_plus_its_signals() throws Exception {
        JsonObject example = SeedDocument.load().errorExamples().stream()
                .filter(e -> e.getString("error").equals("policy_violation")).findFirst().orElseThrow();
        JsonObject body = json(call("POST", "/api/send-message", client(), VALID_BODY));

        JsonObject details = body.getJsonObject("details");
        JsonObject withoutSignals = JSON.createObjectBuilder(details).remove("signals").build();
        assertEquals(example, JSON.createObjectBuilder(body).add("details", withoutSignals).build());
        assertEquals(SeedDocument.load().errorTable().get("policy_violation").message(), body.getString("message"));
    }

    @Test
    void the_score_is_the_assessments_and_no_signals_is_an_empty_list() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(new Refusal.PolicyViolation(83, List.of())));
        JsonObject details = json(call("POST", "/api/send-message", client(), VALID_BODY)).getJsonObject("details");
        assertEquals(JSON.createObjectBuilder().add("action", "block").add("risk_score", 83)
                .add("signals", JSON.createArrayBuilder()).build(), details);
    }

    // --- GET /admin/instances/{id}/risk-events ---

    @Test
    void risk_events_are_listed_newest_first_with_their_signals_and_log_ids() throws Exception {
        HttpResponse<String> res = call("GET", "/admin/instances/inst_12345/risk-events", admin(), null);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"risk_events\":["
                + "{\"id\":2,\"at\":\"2026-05-08T10:00:30Z\",\"score\":100,\"action\":\"pause_instance\","
                + "\"signals\":" + SIGNALS_JSON + ",\"log_id\":null},"
                + "{\"id\":1,\"at\":\"2026-05-08T10:00:29.500Z\",\"score\":90,\"action\":\"block\","
                + "\"signals\":" + SIGNALS_JSON + ",\"log_id\":124}]}", res.body());
        assertEquals(50, fakes.lastRiskEventsLimit.get(), "the default limit");
    }

    @Test
    void the_limit_reaches_the_use_case_from_1_to_500() throws Exception {
        for (String limit : List.of("1", "500", " 7 ")) {
            HttpResponse<String> res = call("GET", "/admin/instances/inst_12345/risk-events?limit=" + encode(limit), admin(), null);
            assertEquals(200, res.statusCode(), limit + ": " + res.body());
            assertEquals(Integer.parseInt(limit.strip()), fakes.lastRiskEventsLimit.get());
        }
        assertEquals(200, call("GET", "/admin/instances/inst_12345/risk-events?limit=", admin(), null).statusCode());
        assertEquals(50, fakes.lastRiskEventsLimit.get(), "an empty limit is the default");
    }

    @Test
    void a_limit_out_of_range_or_not_a_whole_number_is_a_validation_error_on_limit() throws Exception {
        for (String limit : List.of("0", "501", "-1", "abc", "1.5", "1e2", "99999999999999999999")) {
            fakes.lastRiskEventsLimit.set(null);
            HttpResponse<String> res = call("GET", "/admin/instances/inst_12345/risk-events?limit=" + limit, admin(), null);
            assertError(res, 422, "validation_error");
            JsonObject field = json(res).getJsonObject("details").getJsonArray("fields").getJsonObject(0);
            assertEquals("limit", field.getString("field"), limit);
            assertNull(fakes.lastRiskEventsLimit.get(), limit + " reached the use case");
        }
    }

    @Test
    void an_unknown_instance_is_not_found() throws Exception {
        assertError(call("GET", "/admin/instances/missing/risk-events", admin(), null), 404, "not_found");
    }

    @Test
    void another_method_is_405_and_no_token_is_401() throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> res = call(method, "/admin/instances/inst_12345/risk-events", admin(), method.equals("DELETE") ? null : "{}");
            assertError(res, 405, "method_not_allowed");
            assertEquals("GET", res.headers().firstValue("Allow").orElseThrow());
        }
        assertError(call("GET", "/admin/instances/inst_12345/risk-events", Map.of(), null), 401, "unauthorized");
        assertError(call("GET", "/admin/instances/inst_12345/risk-events",
                Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY), null), 401, "unauthorized");
        assertNull(fakes.lastRiskEventsLimit.get());
    }

    // --- helpers ---

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Map<String, String> client() {
        return Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY, "Content-Type", "application/json");
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
    }

    private static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        return edge.call(method, path, headers, body);
    }
}
