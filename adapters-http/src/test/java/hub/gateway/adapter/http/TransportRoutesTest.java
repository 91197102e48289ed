package hub.gateway.adapter.http;

import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase.WebhookReceipt;
import hub.gateway.application.port.out.StorageUnavailableException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static hub.gateway.adapter.http.Jsons.JSON;
import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transports at the edge (contract §8, §9): the Meta webhook's subscription handshake and deliveries, the
 * transport account on admin instances (the access token never shown), and the status history of a message.
 */
class TransportRoutesTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final String VERIFY_TOKEN = "meta-verify-token";
    private static final String SIGNATURE = "sha256=6f1c0a2b";

    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.subscription.set(q -> "subscribe".equals(q.get("hub.mode")) && VERIFY_TOKEN.equals(q.get("hub.verify_token"))
                ? Optional.ofNullable(q.get("hub.challenge"))
                : Optional.empty());
        fakes.webhook.set(w -> new WebhookReceipt.Accepted(1, 1));
        fakes.lastWebhook.set(null);
        fakes.lastSubscriptionQuery.set(null);
        fakes.lastSubscriptionTransport.set(null);
        fakes.instance.set(FakeUseCases.report());
        fakes.lastCreate.set(null);
        fakes.lastUpdate.set(null);
    }

    // --- GET /webhooks/whatsapp: the subscription handshake ---

    @Test
    void the_right_verify_token_is_answered_with_the_challenge_exactly_as_plain_text() throws Exception {
        HttpResponse<String> res = get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1158201444");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("1158201444", res.body());
        assertEquals("text/plain", res.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("meta_cloud", fakes.lastSubscriptionTransport.get());
        assertEquals(Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "1158201444"),
                fakes.lastSubscriptionQuery.get());
    }

    @Test
    void query_parameters_reach_the_use_case_decoded() throws Exception {
        HttpResponse<String> res = get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=a%20b%2Bc");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("a b+c", res.body());
    }

    @Test
    void a_wrong_or_missing_verify_token_is_403_forbidden_in_the_error_shape() throws Exception {
        HttpResponse<String> wrong = get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");
        assertError(wrong, 403, "forbidden");
        assertFalse(wrong.body().contains("\"1\""), "the challenge is not echoed");
        assertEquals(ErrorCatalog.SUBSCRIPTION_FORBIDDEN.message(), json(wrong).getString("message"));

        assertError(get("/webhooks/whatsapp"), 403, "forbidden");
        assertEquals(Map.of(), fakes.lastSubscriptionQuery.get());
    }

    @Test
    void the_provider_routes_need_no_api_key_or_admin_token() throws Exception {
        // Neither call above sent an Authorization header; a caller's own bearer token changes nothing either.
        HttpResponse<String> res = call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=42", Map.of("Authorization", "Bearer nonsense"), null);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("42", res.body());
        assertEquals(200, post(Map.of("Authorization", "Bearer nonsense"), bytes("{}")).statusCode());
    }

    @Test
    void another_method_is_405_with_allow() throws Exception {
        HttpResponse<String> res = call("PUT", "/webhooks/whatsapp", Map.of(), "{}");
        assertError(res, 405, "method_not_allowed");
        assertEquals("GET, POST", res.headers().firstValue("Allow").orElseThrow());
        assertError(get("/webhooks/telegram"), 404, "not_found");
    }

    // --- POST /webhooks/whatsapp: deliveries ---

    @Test
    void an_accepted_delivery_is_200_received_and_the_body_bytes_pass_through_unchanged() throws Exception {
        // Whitespace, key order, escapes, Arabic text and a stray non-UTF-8 byte: a signature is computed over
        // exactly these bytes, so the edge must not decode, parse or re-encode them.
        byte[] body = concat(("{ \"object\":\"whatsapp_business_account\",\n  \"entry\" : [ {\"text\":\"\\u0041 مرحبا\"} ] }  ")
                .getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xFF, (byte) 0xFE, 0x00});
        HttpResponse<String> res = post(Map.of("Content-Type", "application/json", "X-Hub-Signature-256", SIGNATURE), body);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("{\"received\":true}", res.body());
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElse(""));
        FakeUseCases.ProviderWebhook call = fakes.lastWebhook.get();
        assertEquals("meta_cloud", call.transport());
        assertArrayEquals(body, call.body());
    }

    @Test
    void header_names_reach_the_use_case_in_lower_case() throws Exception {
        post(Map.of("Content-Type", "application/json", "X-Hub-Signature-256", SIGNATURE, "X-Custom-Thing", "Mixed Case Value"),
                bytes("{}"));

        Map<String, String> headers = fakes.lastWebhook.get().headers();
        assertEquals(SIGNATURE, headers.get("x-hub-signature-256"));
        assertEquals("Mixed Case Value", headers.get("x-custom-thing"), "values are left as sent");
        assertEquals("application/json", headers.get("content-type"));
        headers.keySet().forEach(name -> assertEquals(name.toLowerCase(Locale.ROOT), name));
    }

    @Test
    void any_content_type_or_none_is_accepted() throws Exception {
        assertEquals(200, post(Map.of("Content-Type", "text/plain"), bytes("{}")).statusCode());
        assertEquals(200, post(Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes("{}")).statusCode());
        assertEquals(200, post(Map.of(), bytes("{}")).statusCode());
    }

    @Test
    void an_empty_body_reaches_the_use_case_as_no_bytes() throws Exception {
        fakes.webhook.set(w -> new WebhookReceipt.Malformed("empty body"));
        assertError(call("POST", "/webhooks/whatsapp", Map.of(), null), 400, "invalid_json");
        assertEquals(0, fakes.lastWebhook.get().body().length);
    }

    @Test
    void an_unauthenticated_delivery_is_401_unauthorized_naming_the_signature() throws Exception {
        fakes.webhook.set(w -> new WebhookReceipt.Unauthenticated());
        HttpResponse<String> res = post(Map.of("X-Hub-Signature-256", "sha256=wrong"), bytes("{}"));
        assertError(res, 401, "unauthorized");
        assertEquals("The webhook signature is missing or wrong.", json(res).getString("message"));
    }

    @Test
    void a_malformed_delivery_is_400_invalid_json_with_the_reason() throws Exception {
        fakes.webhook.set(w -> new WebhookReceipt.Malformed("entry is not an array"));
        HttpResponse<String> res = post(Map.of(), bytes("{\"entry\": 1}"));
        assertError(res, 400, "invalid_json");
        assertEquals("entry is not an array", json(res).getJsonObject("details").getString("reason"));
    }

    @Test
    void an_unknown_transport_is_404_not_found() throws Exception {
        fakes.webhook.set(w -> new WebhookReceipt.UnknownTransport());
        assertError(post(Map.of(), bytes("{}")), 404, "not_found");
    }

    @Test
    void storage_unavailable_is_503_so_that_the_provider_delivers_again() throws Exception {
        fakes.webhook.set(w -> {
            throw new StorageUnavailableException("pool exhausted", new RuntimeException("timeout"));
        });
        HttpResponse<String> res = post(Map.of("X-Hub-Signature-256", SIGNATURE), bytes("{}"));
        assertError(res, 503, "service_unavailable");
        assertFalse(res.body().contains("pool exhausted"));
    }

    @Test
    void a_body_of_exactly_1_mib_is_read() throws Exception {
        byte[] body = new byte[ProviderWebhooksApi.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) 'x');
        assertEquals(200, post(Map.of(), body).statusCode());
        assertEquals(body.length, fakes.lastWebhook.get().body().length);
    }

    @Test
    void a_body_over_1_mib_is_413_with_a_content_length() throws Exception {
        byte[] body = new byte[ProviderWebhooksApi.MAX_BODY_BYTES + 1];
        HttpResponse<String> res = post(Map.of(), body);
        assertError(res, 413, "payload_too_large");
        assertEquals(1024 * 1024, json(res).getJsonObject("details").getInt("max_bytes"));
        assertNull(fakes.lastWebhook.get());
    }

    @Test
    void a_streamed_body_over_1_mib_is_413() throws Exception {
        byte[] body = new byte[ProviderWebhooksApi.MAX_BODY_BYTES + 10];
        HttpRequest request = HttpRequest.newBuilder(edge.uri("/webhooks/whatsapp")).timeout(Duration.ofSeconds(10))
                // No known length: sent chunked, so only counting can catch it.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> res = edge.send(request);
        assertError(res, 413, "payload_too_large");
        assertNull(fakes.lastWebhook.get());
    }

    // --- admin: the transport account ---

    @Test
    void create_and_update_read_the_transport_account_fields_as_inputs() throws Exception {
        fakes.instance.set(FakeUseCases.metaReport());
        HttpResponse<String> created = call("POST", "/admin/instances", admin(), """
                {"account_id": "acc_1", "name": "Meta", "plan": "starter", "transport": "meta_cloud",
                 "phone_number_id": "106540352242922", "access_token": "%s"}""".formatted(FakeUseCases.ACCESS_TOKEN));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(Input.text("106540352242922"), fakes.lastCreate.get().phoneNumberId());
        assertEquals(Input.text(FakeUseCases.ACCESS_TOKEN), fakes.lastCreate.get().accessToken());

        call("POST", "/admin/instances", admin(), "{\"account_id\": \"acc_1\", \"name\": \"Sandbox\", \"plan\": \"starter\"}");
        assertEquals(Input.MISSING, fakes.lastCreate.get().phoneNumberId());
        assertEquals(Input.MISSING, fakes.lastCreate.get().accessToken());

        assertEquals(200, call("PATCH", "/admin/instances/inst_12345", admin(), "{\"access_token\": \"rotated\"}").statusCode());
        assertEquals(Input.text("rotated"), fakes.lastUpdate.get().accessToken());
        assertEquals(Input.MISSING, fakes.lastUpdate.get().phoneNumberId());

        call("PATCH", "/admin/instances/inst_12345", admin(), "{\"phone_number_id\": null, \"access_token\": 7}");
        assertEquals(Input.NULL, fakes.lastUpdate.get().phoneNumberId());
        assertEquals(new Input.Number(new java.math.BigDecimal("7")), fakes.lastUpdate.get().accessToken());
    }

    @Test
    void an_instance_shows_its_phone_number_id_and_whether_a_token_is_set() throws Exception {
        JsonObject sandbox = json(call("GET", "/admin/instances/inst_12345", admin(), null));
        assertTrue(sandbox.isNull("phone_number_id"));
        assertFalse(sandbox.getBoolean("access_token_set"));
        assertFalse(sandbox.containsKey("access_token"));

        fakes.instance.set(FakeUseCases.metaReport());
        JsonObject meta = json(call("GET", "/admin/instances/inst_12345", admin(), null));
        assertEquals("meta_cloud", meta.getString("transport"));
        assertEquals("106540352242922", meta.getString("phone_number_id"));
        assertTrue(meta.getBoolean("access_token_set"));
        assertFalse(meta.containsKey("access_token"));
    }

    @Test
    void no_answer_of_any_admin_route_contains_the_access_token() throws Exception {
        fakes.instance.set(FakeUseCases.metaReport());
        String createBody = """
                {"account_id": "acc_1", "name": "Meta", "plan": "starter", "transport": "meta_cloud",
                 "phone_number_id": "106540352242922", "access_token": "%s"}""".formatted(FakeUseCases.ACCESS_TOKEN);
        String patchBody = "{\"access_token\": \"" + FakeUseCases.ACCESS_TOKEN + "\"}";
        List<HttpResponse<String>> answers = List.of(
                call("POST", "/admin/instances", admin(), createBody),
                call("POST", "/admin/instances", admin(), createBody.replace("\"acc_1\"", "\"acc_1\", \"instance_id\": \"taken\"")),
                call("GET", "/admin/instances/inst_12345", admin(), null),
                call("PATCH", "/admin/instances/inst_12345", admin(), patchBody),
                call("PATCH", "/admin/instances/missing", admin(), patchBody),
                call("POST", "/admin/instances/inst_12345/pause", admin(), null),
                call("POST", "/admin/instances/inst_12345/resume", admin(), null),
                call("POST", "/admin/instances/inst_12345/inbound", admin(), "{\"from\": \"+966501234567\", \"text\": \"STOP\"}"),
                call("GET", "/admin/instances/inst_12345/webhook-deliveries", admin(), null),
                call("GET", "/admin/instances/inst_12345/risk-events", admin(), null),
                call("DELETE", "/admin/instances/inst_12345", admin(), null),
                call("POST", "/admin/instances", Map.of("Content-Type", "application/json"), createBody));
        for (HttpResponse<String> answer : answers) {
            assertFalse(answer.body().contains(FakeUseCases.ACCESS_TOKEN), answer.request().method() + " "
                    + answer.uri() + " answered the token: " + answer.body());
            answer.headers().map().forEach((name, values) -> values.forEach(value ->
                    assertFalse(value.contains(FakeUseCases.ACCESS_TOKEN), name)));
        }
        assertEquals(201, answers.get(0).statusCode(), "the creation itself succeeded");
        assertTrue(json(answers.get(0)).getBoolean("access_token_set"));
    }

    // --- client reads: a message's status history ---

    @Test
    void a_message_shows_its_status_history_sent_delivered_read_failed() throws Exception {
        HttpResponse<String> res = call("GET", "/api/messages/125",
                Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY), null);
        assertEquals(200, res.statusCode(), res.body());
        JsonObject message = json(res);
        assertEquals("failed", message.getString("status"));
        JsonArray history = message.getJsonArray("status_history");
        assertEquals(JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("status", "sent").add("at", "2026-05-08T10:00:30Z"))
                .add(JSON.createObjectBuilder().add("status", "delivered").add("at", "2026-05-08T10:00:31Z"))
                .add(JSON.createObjectBuilder().add("status", "read").add("at", "2026-05-08T10:00:32.500Z"))
                .add(JSON.createObjectBuilder().add("status", "failed").add("at", "2026-05-08T10:00:40Z"))
                .build(), history);
    }

    // --- helpers ---

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return edge.get(path);
    }

    private static HttpResponse<String> post(Map<String, String> headers, byte[] body) throws Exception {
        return edge.post("/webhooks/whatsapp", headers, body);
    }

    private static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        return edge.call(method, path, headers, body);
    }
}
