package hub.gateway.adapter.http;

import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import hub.gateway.domain.message.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static hub.gateway.adapter.http.Jsons.JSON;
import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suppressions (client and operator), the sandbox's inbound simulation and the webhook deliveries view. */
class OptOutRoutesTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final String SUPPRESSED_TEXT = "This recipient has opted out or has been blocked from non-essential messages.";

    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.inbound.set(m -> new InboundResult.OptedOut());
        fakes.block.set(c -> new BlockRecipientResult.Blocked(FakeUseCases.blocked()));
        fakes.lift.set(c -> new LiftSuppressionResult.Lifted());
        fakes.lastInbound.set(null);
        fakes.lastBlock.set(null);
        fakes.lastLift.set(null);
        fakes.lastDeliveriesLimit.set(null);
    }

    // --- client: list ---

    @Test
    void the_client_lists_suppressions_with_reason_and_who_added_them() throws Exception {
        HttpResponse<String> res = call("GET", "/api/suppressions?instance_id=inst_12345", client(), null);
        assertEquals(200, res.statusCode(), res.body());
        JsonArray list = json(res).getJsonArray("suppressions");
        assertEquals(2, list.size());
        assertEquals(JSON.createObjectBuilder()
                .add("instance_id", "inst_12345").add("phone", "+966501234567").add("reason", "blocked")
                .add("added_by", "client").add("since", "2026-05-08T10:00:30Z").build(), list.getJsonObject(0));
        assertEquals("recipient_requested_stop", list.getJsonObject(1).getString("reason"));
        assertEquals("recipient", list.getJsonObject(1).getString("added_by"));
    }

    @Test
    void listing_needs_a_key_an_instance_id_and_an_instance_of_the_account() throws Exception {
        assertError(call("GET", "/api/suppressions?instance_id=inst_12345", Map.of(), null), 401, "invalid_api_key");
        HttpResponse<String> missing = call("GET", "/api/suppressions", client(), null);
        assertError(missing, 422, "validation_error");
        assertEquals("instance_id", json(missing).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
        assertError(call("GET", "/api/suppressions?instance_id=other", client(), null), 404, "invalid_instance");
    }

    // --- client: block ---

    @Test
    void a_new_block_is_201_and_a_repeated_one_200() throws Exception {
        HttpResponse<String> created = call("POST", "/api/suppressions", client(),
                "{\"instance_id\": \"inst_12345\", \"phone\": \"+966 50 123 4567\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("blocked", json(created).getString("reason"));
        assertEquals("+966501234567", json(created).getString("phone"));
        var command = fakes.lastBlock.get();
        assertEquals(Optional.of(FakeUseCases.ACCOUNT), command.accountId());
        assertEquals(Input.text("inst_12345"), command.instanceId());
        assertEquals(Input.text("+966 50 123 4567"), command.phone());

        fakes.block.set(c -> new BlockRecipientResult.AlreadyBlocked(FakeUseCases.blocked()));
        HttpResponse<String> again = call("POST", "/api/suppressions", client(),
                "{\"instance_id\": \"inst_12345\", \"phone\": \"+966501234567\"}");
        assertEquals(200, again.statusCode());
        assertEquals(5, json(again).size());
    }

    @Test
    void blocking_refusals() throws Exception {
        fakes.block.set(c -> new BlockRecipientResult.UnknownInstance());
        assertError(call("POST", "/api/suppressions", client(), "{}"), 404, "invalid_instance");
        fakes.block.set(c -> new BlockRecipientResult.Invalid(List.of(new FieldError("phone", "must be E.164"))));
        HttpResponse<String> invalid = call("POST", "/api/suppressions", client(), "{\"phone\": 5}");
        assertError(invalid, 422, "validation_error");
        assertEquals(new Input.Number(new java.math.BigDecimal("5")), fakes.lastBlock.get().phone());
        assertEquals("phone", json(invalid).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
    }

    @Test
    void the_block_body_follows_the_send_rules() throws Exception {
        assertError(call("POST", "/api/suppressions", Map.of(), "{}"), 401, "invalid_api_key");
        assertError(call("POST", "/api/suppressions", client("Content-Type", "text/plain"), "{}"), 415, "unsupported_media_type");
        assertError(call("POST", "/api/suppressions", client(), "{\"phone\": \"" + "x".repeat(70 * 1024) + "\"}"),
                413, "payload_too_large");
        assertError(call("POST", "/api/suppressions", client(), "[1]"), 400, "invalid_json");
        assertNull(fakes.lastBlock.get());
        assertError(call("PUT", "/api/suppressions", client(), "{}"), 405, "method_not_allowed");
    }

    // --- client: lift ---

    @Test
    void lifting_answers_the_normalised_phone() throws Exception {
        HttpResponse<String> res = call("DELETE", "/api/suppressions/inst_12345/%2B966501234567", client(), null);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(JSON.createObjectBuilder().add("instance_id", "inst_12345").add("phone", "+966501234567")
                .add("lifted", true).build(), json(res));
        var command = fakes.lastLift.get();
        assertEquals(Optional.of(FakeUseCases.ACCOUNT), command.accountId());
        assertEquals("inst_12345", command.instanceId());
        assertEquals("+966501234567", command.phone());
    }

    @Test
    void the_phone_in_the_path_may_be_encoded_or_carry_a_raw_plus() throws Exception {
        for (String path : List.of("%2B966501234567", "%2b966501234567", "+966501234567")) {
            call("DELETE", "/api/suppressions/inst_12345/" + path, client(), null);
            assertEquals("+966501234567", fakes.lastLift.get().phone(), path);
        }
        call("DELETE", "/api/suppressions/inst_12345/%2B966%2050%20123%204567", client(), null);
        assertEquals("+966 50 123 4567", fakes.lastLift.get().phone());
    }

    @Test
    void a_recipients_own_opt_out_is_403_recipient_suppressed_with_the_seed_text() throws Exception {
        fakes.lift.set(c -> new LiftSuppressionResult.NotYours());
        HttpResponse<String> res = call("DELETE", "/api/suppressions/inst_12345/%2B966507654321", client(), null);
        assertError(res, 403, "recipient_suppressed");
        assertEquals(SUPPRESSED_TEXT, json(res).getString("message"));
        JsonObject details = json(res).getJsonObject("details");
        assertEquals("block", details.getString("action"));
        assertEquals(100, details.getInt("risk_score"));
    }

    @Test
    void lifting_refusals() throws Exception {
        fakes.lift.set(c -> new LiftSuppressionResult.NotSuppressed());
        assertError(call("DELETE", "/api/suppressions/inst_12345/%2B966501234567", client(), null), 404, "not_found");
        fakes.lift.set(c -> new LiftSuppressionResult.UnknownInstance());
        assertError(call("DELETE", "/api/suppressions/other/%2B966501234567", client(), null), 404, "invalid_instance");
        fakes.lift.set(c -> new LiftSuppressionResult.Invalid(List.of(new FieldError("phone", "must be E.164"))));
        HttpResponse<String> invalid = call("DELETE", "/api/suppressions/inst_12345/abc", client(), null);
        assertError(invalid, 422, "validation_error");
        assertEquals(1, json(invalid).getJsonObject("details").getJsonArray("fields").size());
        fakes.lastLift.set(null);
        assertError(call("DELETE", "/api/suppressions/inst_12345/%2B966501234567", Map.of(), null), 401, "invalid_api_key");
        assertNull(fakes.lastLift.get());
        assertError(call("GET", "/api/suppressions/inst_12345/%2B966501234567", client(), null), 405, "method_not_allowed");
    }

    // --- admin: inbound ---

    @Test
    void a_simulated_inbound_message_is_202_with_its_outcome() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> res = call("POST", "/admin/instances/inst_12345/inbound", admin(),
                "{\"from\": \"+966501234567\", \"text\": \"STOP\"}");
        assertEquals(202, res.statusCode(), res.body());
        assertEquals(JSON.createObjectBuilder().add("accepted", true).add("outcome", "opted_out").build(), json(res));
        var message = fakes.lastInbound.get();
        assertEquals("inst_12345", message.instanceId());
        assertEquals("+966501234567", message.from());
        assertEquals("STOP", message.text());
        assertTrue(message.viaSandbox());
        assertFalse(message.receivedAt().isBefore(before.minusSeconds(1)));

        fakes.inbound.set(m -> new InboundResult.OptedIn());
        assertEquals("opted_in", json(call("POST", "/admin/instances/inst_12345/inbound", admin(),
                "{\"from\": \"+966501234567\", \"text\": \"START\"}")).getString("outcome"));
        fakes.inbound.set(m -> new InboundResult.NoChange());
        assertEquals("no_change", json(call("POST", "/admin/instances/inst_12345/inbound", admin(),
                "{\"from\": \"+966501234567\", \"text\": \"please stop the late deliveries\"}")).getString("outcome"));
    }

    @Test
    void inbound_refusals() throws Exception {
        fakes.inbound.set(m -> new InboundResult.UnknownInstance());
        assertError(call("POST", "/admin/instances/nope/inbound", admin(), "{}"), 404, "not_found");

        fakes.inbound.set(m -> new InboundResult.NotASandboxInstance());
        HttpResponse<String> conflict = call("POST", "/admin/instances/inst_12345/inbound", admin(), "{}");
        assertError(conflict, 409, "conflict");
        assertEquals("Inbound messages can be simulated only for sandbox instances.", json(conflict).getString("message"));

        fakes.inbound.set(m -> new InboundResult.Invalid(List.of(new FieldError("from", "bad"), new FieldError("text", "bad"))));
        HttpResponse<String> invalid = call("POST", "/admin/instances/inst_12345/inbound", admin(), "{\"from\": 9665, \"text\": null}");
        assertError(invalid, 422, "validation_error");
        assertEquals(2, json(invalid).getJsonObject("details").getJsonArray("fields").size());
        // Only text is text: the use case sees no value for anything else and names the field itself.
        assertNull(fakes.lastInbound.get().from());
        assertNull(fakes.lastInbound.get().text());

        assertError(call("POST", "/admin/instances/inst_12345/inbound", admin(), "not json"), 400, "invalid_json");
        assertError(call("POST", "/admin/instances/inst_12345/inbound", Map.of(), "{}"), 401, "unauthorized");
        assertError(call("GET", "/admin/instances/inst_12345/inbound", admin(), null), 405, "method_not_allowed");
    }

    // --- admin: block and lift ---

    @Test
    void an_operator_blocks_and_lifts_without_an_account() throws Exception {
        HttpResponse<String> created = call("POST", "/admin/instances/inst_12345/suppressions", admin(),
                "{\"phone\": \"+966501234567\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(Optional.empty(), fakes.lastBlock.get().accountId());
        assertEquals(Input.text("inst_12345"), fakes.lastBlock.get().instanceId());
        assertEquals(Input.text("+966501234567"), fakes.lastBlock.get().phone());

        fakes.block.set(c -> new BlockRecipientResult.AlreadyBlocked(FakeUseCases.blocked()));
        assertEquals(200, call("POST", "/admin/instances/inst_12345/suppressions", admin(), "{\"phone\": \"+966501234567\"}").statusCode());
        fakes.block.set(c -> new BlockRecipientResult.UnknownInstance());
        assertError(call("POST", "/admin/instances/nope/suppressions", admin(), "{\"phone\": \"+966501234567\"}"), 404, "not_found");

        HttpResponse<String> lifted = call("DELETE", "/admin/instances/inst_12345/suppressions/%2B966501234567", admin(), null);
        assertEquals(200, lifted.statusCode(), lifted.body());
        assertTrue(json(lifted).getBoolean("lifted"));
        assertEquals(Optional.empty(), fakes.lastLift.get().accountId());
        assertEquals("+966501234567", fakes.lastLift.get().phone());
    }

    @Test
    void an_operator_cannot_lift_a_recipients_own_opt_out_either() throws Exception {
        fakes.lift.set(c -> new LiftSuppressionResult.NotYours());
        HttpResponse<String> res = call("DELETE", "/admin/instances/inst_12345/suppressions/+966507654321", admin(), null);
        assertError(res, 403, "recipient_suppressed");
        assertEquals(SUPPRESSED_TEXT, json(res).getString("message"));
        assertEquals("+966507654321", fakes.lastLift.get().phone());
        fakes.lift.set(c -> new LiftSuppressionResult.NotSuppressed());
        assertError(call("DELETE", "/admin/instances/inst_12345/suppressions/%2B966507654321", admin(), null), 404, "not_found");
        fakes.lift.set(c -> new LiftSuppressionResult.UnknownInstance());
        assertError(call("DELETE", "/admin/instances/nope/suppressions/%2B966507654321", admin(), null), 404, "not_found");
    }

    // --- admin: webhook deliveries ---

    @Test
    void deliveries_are_listed_with_every_field() throws Exception {
        HttpResponse<String> res = call("GET", "/admin/instances/inst_12345/webhook-deliveries", admin(), null);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(50, fakes.lastDeliveriesLimit.get());
        JsonArray deliveries = json(res).getJsonArray("deliveries");
        assertEquals(JSON.createObjectBuilder()
                .add("event_id", 7).add("webhook_id", "evt_abc").add("event", "recipient.opted_out")
                .add("status", "dead").add("attempts", 12).add("last_attempt_at", "2026-05-08T10:00:30Z")
                .add("last_http_status", 500).add("last_error", "HTTP 500").add("next_attempt_at", JsonValue.NULL)
                .add("created_at", "2026-05-07T10:00:00Z").build(), deliveries.getJsonObject(0));
        JsonObject fresh = deliveries.getJsonObject(1);
        assertEquals(JsonValue.NULL, fresh.get("last_attempt_at"));
        assertEquals(JsonValue.NULL, fresh.get("last_http_status"));
        assertEquals(JsonValue.NULL, fresh.get("last_error"));
        assertEquals("2026-05-08T10:00:30Z", fresh.getString("next_attempt_at"));
    }

    @Test
    void the_deliveries_limit_is_bounded_and_an_unknown_instance_not_found() throws Exception {
        assertEquals(200, call("GET", "/admin/instances/inst_12345/webhook-deliveries?limit=5", admin(), null).statusCode());
        assertEquals(5, fakes.lastDeliveriesLimit.get());
        for (String bad : List.of("0", "501", "-1", "abc", "1e3")) {
            HttpResponse<String> res = call("GET", "/admin/instances/inst_12345/webhook-deliveries?limit=" + bad, admin(), null);
            assertError(res, 422, "validation_error");
            assertEquals("limit", json(res).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
        }
        assertError(call("GET", "/admin/instances/nope/webhook-deliveries", admin(), null), 404, "not_found");
    }

    @Test
    void a_dead_event_is_replayed_and_anything_else_is_not_found() throws Exception {
        HttpResponse<String> res = call("POST", "/admin/instances/inst_12345/webhook-deliveries/7/replay", admin(), null);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(JSON.createObjectBuilder().add("event_id", 7).add("status", "pending").build(), json(res));
        assertError(call("POST", "/admin/instances/inst_12345/webhook-deliveries/8/replay", admin(), null), 404, "not_found");
        assertError(call("POST", "/admin/instances/nope/webhook-deliveries/7/replay", admin(), null), 404, "not_found");
        assertError(call("POST", "/admin/instances/inst_12345/webhook-deliveries/x7/replay", admin(), null), 404, "not_found");
        assertError(call("GET", "/admin/instances/inst_12345/webhook-deliveries/7/replay", admin(), null), 405, "method_not_allowed");
        assertError(call("POST", "/admin/instances/inst_12345/webhook-deliveries/7/replay", Map.of(), null), 401, "unauthorized");
    }

    // --- helpers ---

    private static Map<String, String> client(String... more) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY,
                "Content-Type", "application/json"));
        if (more.length == 2) {
            headers.put(more[0], more[1]);
        }
        return headers;
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
    }

    private static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        return edge.call(method, path, headers, body);
    }
}
