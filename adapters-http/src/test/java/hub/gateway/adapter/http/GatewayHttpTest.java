package hub.gateway.adapter.http;

import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.out.StorageUnavailableException;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.send.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edge through a real server on a free port, with fake use cases behind it. */
class GatewayHttpTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final String VALID_BODY = """
            {"instance_id": "inst_12345", "phone": "+9665XXXXXXX", "message": "Your order #2041 has been shipped.",
             "message_purpose": "transactional"}""";

    private static final FakeUseCases fakes = new FakeUseCases();
    private static final Map<String, SeedDocument.Row> seed = SeedDocument.load().errorTable();

    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.send.set(c -> new SendMessageResult.Sent("wamid.1", 123, Quotas.FIRST_SEND));
        fakes.lastSend.set(null);
        fakes.ready.set(true);
    }

    // --- send: success and the order of checks before the use case ---

    @Test
    void a_valid_send_answers_the_seed_success_shape() throws Exception {
        HttpResponse<String> res = send(VALID_BODY);
        assertEquals(200, res.statusCode());
        JsonObject body = json(res);
        assertTrue(body.getBoolean("success"));
        assertEquals("sent", body.getString("status"));
        assertEquals("wamid.1", body.getString("message_id"));
        assertEquals(123, body.getInt("log_id"));
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElseThrow());
    }

    /** Contract §11: the limits in force and what is left after this send, in the IETF draft's structured form. */
    @Test
    void a_sent_answer_carries_the_rate_limit_headers() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Sent("wamid.1", 123,
                Quotas.standing(new hub.gateway.domain.quota.Usage(1, 63, 200), Quotas.AT)));
        HttpResponse<String> res = send(VALID_BODY);
        assertEquals(200, res.statusCode());
        assertEquals("\"minute\";q=20;w=60, \"day\";q=100;w=86400, \"month\";q=2000;w=2678400",
                res.headers().firstValue("RateLimit-Policy").orElseThrow());
        assertEquals("\"minute\";r=19;t=30, \"day\";r=37;t=50370, \"month\";r=1800;t=2037570",
                res.headers().firstValue("RateLimit").orElseThrow());
    }

    /** Contract §13: a send that may have gone out is gateway_send_failed with delivery unknown, and stays counted. */
    @Test
    void a_send_whose_outcome_is_unknown_says_so_with_the_transport_error_and_its_rate_limit_headers() throws Exception {
        fakes.send.set(c -> new SendMessageResult.DeliveryUnknown(124, "timeout", "No answer in time.", Quotas.FIRST_SEND));
        HttpResponse<String> res = send(VALID_BODY);
        assertEquals(502, res.statusCode());
        JsonObject body = json(res);
        assertEquals("gateway_send_failed", body.getString("error"));
        JsonObject details = body.getJsonObject("details");
        assertEquals(124, details.getInt("log_id"));
        assertEquals("unknown", details.getString("delivery"));
        assertEquals("timeout", details.getJsonObject("transport_error").getString("code"));
        assertEquals("No answer in time.", details.getJsonObject("transport_error").getString("title"));
        assertTrue(res.headers().firstValue("RateLimit").isPresent());
    }

    @Test
    void the_three_limit_refusals_carry_the_rate_limit_headers() throws Exception {
        for (Refusal refusal : List.of(Quotas.throttled(), Quotas.dailyReached(), Quotas.monthlyReached())) {
            fakes.send.set(c -> new SendMessageResult.Refused(refusal));
            HttpResponse<String> res = send(VALID_BODY);
            assertEquals(429, res.statusCode());
            assertEquals("\"minute\";q=20;w=60, \"day\";q=100;w=86400, \"month\";q=2000;w=2678400",
                    res.headers().firstValue("RateLimit-Policy").orElseThrow());
        }
        // Remaining never below 0, whichever window refused.
        fakes.send.set(c -> new SendMessageResult.Refused(Quotas.dailyReached()));
        assertEquals("\"minute\";r=16;t=30, \"day\";r=0;t=50370, \"month\";r=1800;t=2037570",
                send(VALID_BODY).headers().firstValue("RateLimit").orElseThrow());
        fakes.send.set(c -> new SendMessageResult.Refused(Quotas.monthlyReached()));
        assertEquals("\"minute\";r=16;t=30, \"day\";r=63;t=50370, \"month\";r=0;t=2037570",
                send(VALID_BODY).headers().firstValue("RateLimit").orElseThrow());
    }

    @Test
    void json_fields_reach_the_use_case_as_the_client_sent_them() throws Exception {
        send("""
                {"instance_id": 42, "phone": null, "message": true, "extra": "ignored"}""");
        var command = fakes.lastSend.get();
        assertEquals(FakeUseCases.ACCOUNT, command.accountId());
        assertEquals(new Input.Number(new BigDecimal("42")), command.instanceId());
        assertEquals(Input.NULL, command.phone());
        assertEquals(new Input.Other("boolean"), command.message());
        assertEquals(Input.MISSING, command.messagePurpose());
    }

    @Test
    void a_template_reaches_the_use_case_with_its_parts() throws Exception {
        send("""
                {"template": {"name": "order_shipped", "language": "en", "parameters": ["#2041", 7, {"a": []}]}}""");
        var command = fakes.lastSend.get();
        assertEquals(Input.MISSING, command.message());
        assertEquals(new Input.Fields(java.util.Map.of("name", Input.text("order_shipped"), "language", Input.text("en"),
                "parameters", new Input.Items(java.util.List.of(Input.text("#2041"), new Input.Number(new BigDecimal("7")),
                        new Input.Fields(java.util.Map.of("a", new Input.Items(java.util.List.of()))))))), command.template());
    }

    @Test
    void a_missing_authorization_header_is_invalid_api_key() throws Exception {
        assertSeedError(call("POST", "/api/send-message", Map.of(), VALID_BODY), "invalid_api_key");
        assertNull(fakes.lastSend.get());
    }

    @Test
    void another_scheme_is_invalid_api_key() throws Exception {
        assertSeedError(call("POST", "/api/send-message", Map.of("Authorization", "Basic " + FakeUseCases.GOOD_KEY), VALID_BODY),
                "invalid_api_key");
        assertSeedError(call("POST", "/api/send-message", Map.of("Authorization", "Bearer"), VALID_BODY), "invalid_api_key");
    }

    @Test
    void an_unknown_key_is_invalid_api_key_and_a_revoked_one_revoked_api_key() throws Exception {
        assertSeedError(call("POST", "/api/send-message", Map.of("Authorization", "Bearer nope"), VALID_BODY), "invalid_api_key");
        assertSeedError(call("POST", "/api/send-message", Map.of("Authorization", "Bearer " + FakeUseCases.REVOKED_KEY), VALID_BODY),
                "revoked_api_key");
        assertNull(fakes.lastSend.get());
    }

    @Test
    void authentication_comes_before_the_body() throws Exception {
        assertSeedError(call("POST", "/api/send-message", Map.of(), "not json"), "invalid_api_key");
    }

    @Test
    void a_non_json_content_type_is_415() throws Exception {
        HttpResponse<String> res = call("POST", "/api/send-message", authed("Content-Type", "text/plain"), VALID_BODY);
        assertError(res, 415, "unsupported_media_type");
        assertNull(fakes.lastSend.get());
    }

    @Test
    void json_content_types_with_parameters_and_suffixes_are_accepted() throws Exception {
        assertEquals(200, call("POST", "/api/send-message", authed("Content-Type", "application/json; charset=UTF-8"), VALID_BODY).statusCode());
        assertEquals(200, call("POST", "/api/send-message", authed("Content-Type", "application/vnd.hub+json"), VALID_BODY).statusCode());
    }

    @Test
    void a_body_over_64_kib_is_413_with_a_content_length() throws Exception {
        String big = "{\"message\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertError(send(big), 413, "payload_too_large");
        assertNull(fakes.lastSend.get());
    }

    @Test
    void a_streamed_body_over_64_kib_is_413() throws Exception {
        byte[] big = ("{\"message\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(edge.uri("/api/send-message"))
                .header("Authorization", "Bearer " + FakeUseCases.GOOD_KEY)
                .header("Content-Type", "application/json")
                // No known length: the client sends it chunked, so only counting can catch it.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        assertError(edge.send(request), 413, "payload_too_large");
    }

    @Test
    void a_body_of_exactly_64_kib_is_read() throws Exception {
        String prefix = "{\"message\": \"";
        String body = prefix + "x".repeat(64 * 1024 - prefix.length() - 2) + "\"}";
        assertEquals(64 * 1024, body.length());
        assertEquals(200, send(body).statusCode());
    }

    @Test
    void broken_json_an_array_an_empty_body_and_trailing_garbage_are_invalid_json() throws Exception {
        for (String body : List.of("{\"instance_id\": ", "[1, 2]", "", "\"text\"", "{} {}", "null")) {
            assertSeedError(send(body), "invalid_json");
        }
        assertNull(fakes.lastSend.get());
    }

    // --- every refusal of the send use case ---

    @Test
    void purpose_required() throws Exception {
        JsonObject details = refused(new Refusal.PurposeRequired(), "message_purpose_required");
        assertEquals(Json.createObjectBuilder().add("action", "block").add("risk_score", 0).build(), details);
    }

    @Test
    void purpose_not_allowed_lists_the_allowed_purposes() throws Exception {
        JsonObject details = refused(new Refusal.PurposeNotAllowed("marketing", true), "message_purpose_not_allowed");
        assertEquals("block", details.getString("action"));
        assertEquals(100, details.getInt("risk_score"));
        assertEquals(List.of("transactional", "operational", "support", "internal_team", "authentication"),
                details.getJsonArray("allowed_purposes").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(60, refused(new Refusal.PurposeNotAllowed("newsletter", false), "message_purpose_not_allowed")
                .getInt("risk_score"));
    }

    @Test
    void validation_error_lists_every_field() throws Exception {
        JsonObject details = refused(new Refusal.InvalidFields(List.of(
                new FieldError("phone", "must be an international number"), new FieldError("message", "must not be blank"))),
                "validation_error");
        assertEquals(2, details.getJsonArray("fields").size());
        assertEquals("phone", details.getJsonArray("fields").getJsonObject(0).getString("field"));
        assertEquals("must not be blank", details.getJsonArray("fields").getJsonObject(1).getString("reason"));
    }

    @Test
    void a_suppressed_recipient_is_403_with_the_seed_details() throws Exception {
        JsonObject details = refused(new Refusal.RecipientSuppressed(), "recipient_suppressed");
        assertEquals("block", details.getString("action"));
        assertEquals(100, details.getInt("risk_score"));
        assertEquals(2, details.size(), "the seed's example has exactly action and risk_score");
    }

    @Test
    void invalid_instance_and_paused_instance() throws Exception {
        refused(new Refusal.UnknownInstance(), "invalid_instance");
        JsonObject paused = refused(new Refusal.InstancePaused(), "instance_paused_for_review");
        assertEquals("pause_instance", paused.getString("action"));
        assertEquals(100, paused.getInt("risk_score"));
    }

    @Test
    void throttled_carries_retry_after_header_and_seconds() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(Quotas.throttled()));
        HttpResponse<String> res = send(VALID_BODY);
        assertSeedError(res, "sending_throttled");
        assertEquals("30", res.headers().firstValue("Retry-After").orElseThrow());
        JsonObject details = json(res).getJsonObject("details");
        assertEquals("throttle", details.getString("action"));
        assertEquals(65, details.getInt("risk_score"));
        assertEquals(20, details.getInt("limit"));
        assertEquals(20, details.getInt("used"));
        assertEquals(30, details.getInt("retry_after_seconds"));
    }

    @Test
    void daily_and_monthly_limits_carry_limit_used_and_retry_after() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(Quotas.dailyReached()));
        HttpResponse<String> daily = send(VALID_BODY);
        assertSeedError(daily, "daily_message_limit_exceeded");
        assertEquals("50370", daily.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(Json.createObjectBuilder().add("action", "block").add("risk_score", 90)
                .add("limit", 100).add("used", 100).build(), json(daily).getJsonObject("details"));

        fakes.send.set(c -> new SendMessageResult.Refused(Quotas.monthlyReached()));
        HttpResponse<String> monthly = send(VALID_BODY);
        assertSeedError(monthly, "monthly_message_limit_exceeded");
        assertEquals("2037570", monthly.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(2000, json(monthly).getJsonObject("details").getInt("limit"));
    }

    @Test
    void delivery_failure_is_502_with_log_id_and_transport_error() throws Exception {
        JsonObject details = refused(new Refusal.DeliveryFailed(77, "131026", "Message undeliverable"), "gateway_send_failed");
        assertEquals(77, details.getInt("log_id"));
        assertEquals("131026", details.getJsonObject("transport_error").getString("code"));
        assertEquals("Message undeliverable", details.getJsonObject("transport_error").getString("title"));
    }

    // --- failures of the infrastructure ---

    @Test
    void an_unexpected_exception_is_500_without_internals() throws Exception {
        fakes.send.set(c -> {
            throw new IllegalStateException("secret internals: jdbc:postgresql://db/prod");
        });
        HttpResponse<String> res = send(VALID_BODY);
        assertError(res, 500, "internal_error");
        assertFalse(res.body().contains("secret"), res.body());
        assertFalse(res.body().contains("Exception"), res.body());
        assertFalse(res.body().contains("hub.gateway"), res.body());
        assertTrue(res.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void storage_unavailable_is_503() throws Exception {
        fakes.send.set(c -> {
            throw new StorageUnavailableException("pool exhausted", null);
        });
        HttpResponse<String> res = send(VALID_BODY);
        assertError(res, 503, "service_unavailable");
        assertFalse(res.body().contains("pool"));
        assertEquals("2", res.headers().firstValue("Retry-After").orElseThrow(), "every 503 carries Retry-After");
    }

    @Test
    void a_send_past_its_deadline_is_503_with_retry_after() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(new Refusal.DeadlinePassed()));
        HttpResponse<String> res = send(VALID_BODY);
        assertError(res, 503, "service_unavailable");
        assertEquals("block", json(res).getJsonObject("details").getString("action"));
        assertEquals(0, json(res).getJsonObject("details").getInt("risk_score"));
        assertEquals("2", res.headers().firstValue("Retry-After").orElseThrow());
    }

    /** The deadline counts from the request's arrival at the edge, by the setting (5 s unless configured). */
    @Test
    void the_command_carries_the_requests_deadline() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> deadline = new java.util.concurrent.atomic.AtomicReference<>();
        fakes.send.set(c -> {
            deadline.set(c.deadline());
            return new SendMessageResult.Sent("wamid.1", 1, Quotas.FIRST_SEND);
        });
        java.time.Instant before = java.time.Instant.now();
        assertEquals(200, send(VALID_BODY).statusCode());
        java.time.Instant after = java.time.Instant.now();
        assertFalse(deadline.get().isBefore(before.plus(GatewayHttp.Settings.DEFAULT_REQUEST_DEADLINE)));
        assertFalse(deadline.get().isAfter(after.plus(GatewayHttp.Settings.DEFAULT_REQUEST_DEADLINE)));
    }

    // --- routing ---

    @Test
    void an_unknown_route_is_not_found() throws Exception {
        assertError(call("GET", "/nowhere", Map.of(), null), 404, "not_found");
        assertError(call("GET", "/api/nowhere", authed(), null), 404, "not_found");
    }

    @Test
    void a_wrong_method_is_405_with_allow() throws Exception {
        HttpResponse<String> res = call("GET", "/api/send-message", authed(), null);
        assertError(res, 405, "method_not_allowed");
        assertEquals("POST", res.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> delete = call("DELETE", "/api/messages/1", authed(), null);
        assertError(delete, 405, "method_not_allowed");
        assertEquals("GET", delete.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void a_malformed_request_is_answered_in_the_error_shape() throws Exception {
        try (Socket socket = new Socket("localhost", edge.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/usage HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            JsonObject json = parse(body);
            assertFalse(json.getBoolean("success"));
            assertEquals("bad_request", json.getString("error"));
            assertEquals("block", json.getJsonObject("details").getString("action"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // --- request ids ---

    @Test
    void a_sane_request_id_is_echoed_and_an_odd_one_replaced() throws Exception {
        HttpResponse<String> echoed = call("GET", "/observe/health", Map.of("X-Request-Id", "abc-123_x.y"), null);
        assertEquals("abc-123_x.y", echoed.headers().firstValue("X-Request-Id").orElseThrow());
        HttpResponse<String> replaced = call("GET", "/observe/health", Map.of("X-Request-Id", "a b<script>"), null);
        assertTrue(replaced.headers().firstValue("X-Request-Id").orElseThrow().matches("[0-9a-f-]{36}"));
        HttpResponse<String> tooLong = call("GET", "/observe/health", Map.of("X-Request-Id", "a".repeat(129)), null);
        assertTrue(tooLong.headers().firstValue("X-Request-Id").orElseThrow().matches("[0-9a-f-]{36}"));
        HttpResponse<String> generated = call("GET", "/nowhere", Map.of(), null);
        assertTrue(generated.headers().firstValue("X-Request-Id").isPresent());
        HttpResponse<String> onError = call("POST", "/api/send-message", Map.of("X-Request-Id", "err-1"), VALID_BODY);
        assertEquals("err-1", onError.headers().firstValue("X-Request-Id").orElseThrow());
    }

    // --- client reads ---

    @Test
    void a_message_of_the_account_is_answered_and_any_other_is_not_found() throws Exception {
        HttpResponse<String> res = call("GET", "/api/messages/123", authed(), null);
        assertEquals(200, res.statusCode());
        JsonObject message = json(res);
        assertEquals(123, message.getInt("log_id"));
        assertEquals("wamid.1", message.getString("message_id"));
        assertEquals("2026-05-08T10:00:30Z", message.getString("created_at"));
        assertTrue(message.isNull("error"));
        assertEquals("sent", message.getJsonArray("status_history").getJsonObject(1).getString("status"));
        assertError(call("GET", "/api/messages/124", authed(), null), 404, "not_found");
        assertError(call("GET", "/api/messages/abc", authed(), null), 404, "not_found");
        assertSeedError(call("GET", "/api/messages/123", Map.of(), null), "invalid_api_key");
    }

    @Test
    void messages_are_listed_and_an_unknown_instance_is_invalid_instance() throws Exception {
        HttpResponse<String> res = call("GET", "/api/messages?instance_id=inst_12345&limit=10", authed(), null);
        assertEquals(200, res.statusCode());
        assertEquals(1, json(res).getJsonArray("messages").size());
        assertSeedError(call("GET", "/api/messages?instance_id=other", authed(), null), "invalid_instance");
        HttpResponse<String> missing = call("GET", "/api/messages", authed(), null);
        assertSeedError(missing, "validation_error");
        assertEquals("instance_id", json(missing).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
    }

    @Test
    void usage_shows_limits_used_and_resets() throws Exception {
        HttpResponse<String> res = call("GET", "/api/usage?instance_id=inst_12345", authed(), null);
        assertEquals(200, res.statusCode());
        JsonObject usage = json(res);
        assertEquals("starter", usage.getString("plan"));
        assertEquals(100, usage.getJsonObject("daily").getInt("limit"));
        assertEquals(40, usage.getJsonObject("daily").getInt("used"));
        assertEquals("2026-05-09T00:00:00Z", usage.getJsonObject("daily").getString("resets_at"));
        assertEquals("2026-06-01T00:00:00Z", usage.getJsonObject("monthly").getString("resets_at"));
        assertEquals(20, usage.getJsonObject("per_minute").getInt("limit"));
        assertSeedError(call("GET", "/api/usage?instance_id=someone-elses", authed(), null), "invalid_instance");
    }

    // --- admin ---

    @Test
    void admin_without_a_token_or_with_a_wrong_one_is_401() throws Exception {
        assertError(call("POST", "/admin/accounts", Map.of(), "{\"name\": \"x\"}"), 401, "unauthorized");
        assertError(call("POST", "/admin/accounts", Map.of("Authorization", "Bearer wrong"), "{\"name\": \"x\"}"), 401, "unauthorized");
        assertError(call("GET", "/admin/instances/inst_12345", Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY), null),
                401, "unauthorized");
        assertEquals("A valid admin token is required.",
                json(call("GET", "/admin/nowhere", Map.of(), null)).getString("message"));
    }

    @Test
    void admin_without_a_configured_token_refuses_everything() throws Exception {
        try (GatewayHttp closed = GatewayHttp.start(new FakeUseCases().useCases(), new GatewayHttp.Settings(0))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + closed.port() + "/admin/instances/inst_12345"))
                    .header("Authorization", "Bearer ").GET().build();
            assertEquals(401, edge.send(request).statusCode());
        }
    }

    @Test
    void admin_creates_accounts_keys_and_instances() throws Exception {
        HttpResponse<String> account = call("POST", "/admin/accounts", admin(), "{\"name\": \"Acme\"}");
        assertEquals(201, account.statusCode());
        assertEquals("acc_new", json(account).getString("account_id"));
        assertEquals("UTC", json(account).getString("timezone"));

        HttpResponse<String> invalid = call("POST", "/admin/accounts", admin(), "{}");
        assertError(invalid, 422, "validation_error");
        assertEquals("name", json(invalid).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
        assertError(call("POST", "/admin/accounts", admin(), "[]"), 400, "invalid_json");

        HttpResponse<String> key = call("POST", "/admin/accounts/acc_1/api-keys", admin(), null);
        assertEquals(201, key.statusCode());
        assertEquals("gk_live_secret", json(key).getString("api_key"));
        assertError(call("POST", "/admin/accounts/acc_x/api-keys", admin(), null), 404, "not_found");

        assertEquals(200, call("POST", "/admin/api-keys/key_1/revoke", admin(), null).statusCode());
        assertError(call("POST", "/admin/api-keys/key_x/revoke", admin(), null), 404, "not_found");

        HttpResponse<String> instance = call("POST", "/admin/instances", admin(),
                "{\"account_id\": \"acc_1\", \"name\": \"Demo\", \"plan\": \"starter\"}");
        assertEquals(201, instance.statusCode());
        assertEquals("whsec_abc", json(instance).getString("webhook_secret"));
        assertEquals(20, json(instance).getJsonObject("limits").getInt("per_minute"));
        assertError(call("POST", "/admin/instances", admin(), "{\"instance_id\": \"taken\"}"), 409, "conflict");
    }

    @Test
    void admin_reads_changes_and_pauses_instances() throws Exception {
        HttpResponse<String> got = call("GET", "/admin/instances/inst_12345", admin(), null);
        assertEquals(200, got.statusCode());
        JsonObject instance = json(got);
        assertEquals("active", instance.getString("status"));
        assertTrue(instance.isNull("webhook_url"));
        assertFalse(instance.containsKey("webhook_secret"));
        assertEquals(40, instance.getJsonObject("usage").getInt("daily"));
        assertError(call("GET", "/admin/instances/missing", admin(), null), 404, "not_found");
        assertEquals(200, call("PATCH", "/admin/instances/inst_12345", admin(), "{\"daily_limit\": 200}").statusCode());
        assertError(call("PATCH", "/admin/instances/missing", admin(), "{}"), 404, "not_found");
        assertEquals(200, call("POST", "/admin/instances/inst_12345/pause", admin(), null).statusCode());
        assertEquals(200, call("POST", "/admin/instances/inst_12345/resume", admin(), null).statusCode());
        HttpResponse<String> wrong = call("DELETE", "/admin/instances/inst_12345", admin(), null);
        assertError(wrong, 405, "method_not_allowed");
        assertEquals("GET, PATCH", wrong.headers().firstValue("Allow").orElseThrow());
    }

    // --- health ---

    @Test
    void health_is_up_then_down() throws Exception {
        HttpResponse<String> up = call("GET", "/observe/health", Map.of(), null);
        assertEquals(200, up.statusCode());
        assertEquals("UP", json(up).getString("status"));
        fakes.ready.set(false);
        HttpResponse<String> down = call("GET", "/observe/health", Map.of(), null);
        assertEquals(503, down.statusCode());
        assertEquals("DOWN", json(down).getString("status"));
        assertEquals("2", down.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void ready_follows_the_database_and_live_does_not() throws Exception {
        assertEquals(200, call("GET", "/observe/health/ready", Map.of(), null).statusCode());
        assertEquals(200, call("GET", "/observe/health/live", Map.of(), null).statusCode());
        fakes.ready.set(false);
        HttpResponse<String> notReady = call("GET", "/observe/health/ready", Map.of(), null);
        assertEquals(503, notReady.statusCode());
        assertTrue(notReady.headers().firstValue("Retry-After").isPresent());
        HttpResponse<String> live = call("GET", "/observe/health/live", Map.of(), null);
        assertEquals(200, live.statusCode());
        assertEquals("UP", json(live).getString("status"));
        assertError(call("POST", "/observe/health/live", Map.of(), null), 405, "method_not_allowed");
    }

    // --- helpers ---

    /** The seed's action for each refusal (the domain no longer carries it: the edge's catalogue does). */
    private static String expectedAction(Refusal refusal) {
        return switch (refusal) {
            case Refusal.SendingThrottled ignored -> "throttle";
            case Refusal.InstancePaused ignored -> "pause_instance";
            case Refusal.DeliveryFailed ignored -> "allow";
            default -> "block";
        };
    }

    /** The seed's risk score for each refusal; a policy violation carries its assessment's. */
    private static int expectedRiskScore(Refusal refusal) {
        return switch (refusal) {
            case Refusal.PurposeNotAllowed notAllowed -> notAllowed.knownDisallowed() ? 100 : 60;
            case Refusal.PolicyViolation violation -> violation.score();
            case Refusal.SendingThrottled ignored -> 65;
            case Refusal.DailyLimitReached ignored -> 90;
            case Refusal.MonthlyLimitReached ignored -> 90;
            case Refusal.InstancePaused ignored -> 100;
            case Refusal.RecipientSuppressed ignored -> 100;
            default -> 0;
        };
    }

    private JsonObject refused(Refusal refusal, String code) throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(refusal));
        HttpResponse<String> res = send(VALID_BODY);
        assertSeedError(res, code);
        JsonObject details = json(res).getJsonObject("details");
        assertEquals(expectedAction(refusal), details.getString("action"));
        assertEquals(expectedRiskScore(refusal), details.getInt("risk_score"));
        if (res.statusCode() != 429) {
            assertTrue(res.headers().firstValue("Retry-After").isEmpty());
            // Only the answers that reached the quota step tell the client its quota (contract §11).
            assertTrue(res.headers().firstValue("RateLimit").isEmpty(), code);
            assertTrue(res.headers().firstValue("RateLimit-Policy").isEmpty(), code);
        }
        return details;
    }

    /** Status and message exactly as the seed document's table says. */
    private static void assertSeedError(HttpResponse<String> res, String code) {
        SeedDocument.Row row = seed.get(code);
        assertEquals(row.status(), res.statusCode(), res.body());
        JsonObject body = json(res);
        assertEquals(row.message(), body.getString("message"));
        assertError(res, row.status(), code);
    }

    /** The shared error shape, and on a send a 429 must also say when to retry. */
    private static void assertError(HttpResponse<String> res, int status, String code) {
        RunningEdge.assertError(res, status, code);
        if (status == 429) {
            assertTrue(res.headers().firstValue("Retry-After").isPresent(), "429 without Retry-After");
        }
    }

    private static HttpResponse<String> send(String body) throws Exception {
        return call("POST", "/api/send-message", authed("Content-Type", "application/json"), body);
    }

    private static Map<String, String> authed(String... more) {
        if (more.length == 0) {
            return Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY);
        }
        return Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY, more[0], more[1]);
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
    }

    private static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        return edge.call(method, path, headers, body);
    }

    private static JsonObject json(HttpResponse<String> res) {
        return parse(res.body());
    }

    private static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
