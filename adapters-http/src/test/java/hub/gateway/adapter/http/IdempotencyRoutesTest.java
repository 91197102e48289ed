package hub.gateway.adapter.http;

import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase.KeyClaim;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The send's Idempotency-Key at the edge: its syntax, each claim outcome, and what is remembered. */
class IdempotencyRoutesTest {
    private static final String BODY = "{\"instance_id\": \"inst_12345\", \"phone\": \"+966501234567\", \"message\": \"hi\"}";

    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, "admin-secret-token");

    @BeforeEach
    void reset() {
        fakes.send.set(c -> new SendMessageResult.Sent("wamid.1", 123, Quotas.FIRST_SEND));
        fakes.claim.set(new KeyClaim.Claimed());
        fakes.lastClaimHash.set(null);
        fakes.lastSend.set(null);
        fakes.idempotencyCalls.clear();
    }

    @Test
    void a_claimed_key_remembers_the_exact_answer_it_sent() throws Exception {
        HttpResponse<String> res = send("key-1", BODY);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(List.of("remember key-1 200 " + res.body()), callsFor("key-1"));
        assertEquals(IdempotencyKeyHeader.requestHash(BODY.getBytes(StandardCharsets.UTF_8)), fakes.lastClaimHash.get());
    }

    @Test
    void a_refusal_is_the_first_answer_too() throws Exception {
        HttpResponse<String> res = send("key-2", "{not json");
        assertError(res, 400, "invalid_json");
        assertEquals(List.of("remember key-2 400 " + res.body()), callsFor("key-2"));
    }

    @Test
    void a_replay_answers_the_stored_status_and_body_without_sending() throws Exception {
        String stored = "{\"success\":true,\"status\":\"sent\",\"message_id\":\"wamid.9\",\"log_id\":9}";
        fakes.claim.set(new KeyClaim.Replay(200, stored));
        HttpResponse<String> res = send("key-3", BODY);
        assertEquals(200, res.statusCode());
        assertEquals(stored, res.body());
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElse(""));
        assertNull(fakes.lastSend.get());
        assertEquals(List.of(), callsFor("key-3"));
    }

    /** The stored answer is the answer as written: a 429 keeps its Retry-After, and a replay writes it again. */
    @Test
    void a_throttled_answer_is_remembered_and_replayed_with_its_headers() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(
                Quotas.throttled()));
        HttpResponse<String> first = send("key-8", BODY);
        assertError(first, 429, "sending_throttled");
        assertEquals("30", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(List.of("remember key-8 429 " + first.body()), callsFor("key-8"));
        Map<String, String> stored = fakes.rememberedHeaders.get("key-8");
        assertEquals(Map.of("Content-Type", "application/json", "Retry-After", "30",
                "RateLimit-Policy", "\"minute\";q=20;w=60, \"day\";q=100;w=86400, \"month\";q=2000;w=2678400",
                "RateLimit", "\"minute\";r=0;t=30, \"day\";r=37;t=50370, \"month\";r=1800;t=2037570"), stored);

        fakes.lastSend.set(null);
        fakes.claim.set(new KeyClaim.Replay(429, stored, first.body()));
        HttpResponse<String> replay = send("key-8", BODY);
        assertEquals(429, replay.statusCode());
        assertEquals(first.body(), replay.body());
        assertEquals("30", replay.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(stored.get("RateLimit"), replay.headers().firstValue("RateLimit").orElseThrow());
        assertEquals(stored.get("RateLimit-Policy"), replay.headers().firstValue("RateLimit-Policy").orElseThrow());
        assertEquals("application/json", replay.headers().firstValue("Content-Type").orElseThrow());
        assertNull(fakes.lastSend.get());
    }

    @Test
    void a_key_in_progress_is_409_and_a_reused_key_422() throws Exception {
        fakes.claim.set(new KeyClaim.InProgress());
        assertError(send("key-4", BODY), 409, "idempotency_key_in_progress");
        fakes.claim.set(new KeyClaim.Reused());
        assertError(send("key-4", BODY), 422, "idempotency_key_reused");
        assertNull(fakes.lastSend.get());
    }

    @Test
    void an_unanswered_first_attempt_is_answered_from_its_log_row_without_sending() throws Exception {
        fakes.claim.set(new KeyClaim.AlreadySent(9, "wamid.9"));
        HttpResponse<String> sent = send("key-6", BODY);
        assertEquals(200, sent.statusCode(), sent.body());
        assertEquals("{\"success\":true,\"status\":\"sent\",\"message_id\":\"wamid.9\",\"log_id\":9}", sent.body());

        fakes.claim.set(new KeyClaim.AlreadyFailed(10));
        HttpResponse<String> failed = send("key-6", BODY);
        assertError(failed, 502, "gateway_send_failed");
        assertEquals(10, json(failed).getJsonObject("details").getInt("log_id"));

        fakes.claim.set(new KeyClaim.OutcomeUnknown(11));
        HttpResponse<String> unknown = send("key-6", BODY);
        assertError(unknown, 502, "gateway_send_failed");
        assertEquals(11, json(unknown).getJsonObject("details").getInt("log_id"));
        assertEquals("unknown", json(unknown).getJsonObject("details").getString("delivery"));

        assertNull(fakes.lastSend.get());
        assertEquals(List.of(), callsFor("key-6"), "an answer from the log is not stored: the log may still move on");
    }

    @Test
    void a_claimed_key_reaches_the_reservation() throws Exception {
        send("key-7", BODY.replace("}", ", \"message_purpose\": \"transactional\"}"));
        assertEquals(java.util.Optional.of("key-7"), fakes.lastSend.get().idempotencyKey());
    }

    @Test
    void a_failure_of_the_use_case_releases_the_key() throws Exception {
        fakes.send.set(c -> {
            throw new IllegalStateException("broken");
        });
        assertEquals(500, send("key-5", BODY).statusCode());
        assertEquals(List.of("release key-5"), callsFor("key-5"));
    }

    /** Nothing was sent (contract §10): a retry with the key may send, so the 503 is not remembered. */
    @Test
    void a_send_past_its_deadline_releases_the_key() throws Exception {
        fakes.send.set(c -> new SendMessageResult.Refused(new hub.gateway.domain.send.Refusal.DeadlinePassed()));
        HttpResponse<String> res = send("key-6", BODY);
        assertError(res, 503, "service_unavailable");
        assertTrue(res.headers().firstValue("Retry-After").isPresent());
        assertEquals(List.of("release key-6"), callsFor("key-6"));
    }

    @Test
    void a_key_must_be_1_to_255_visible_ascii_characters() throws Exception {
        for (String bad : List.of("with space", "", "k".repeat(256))) {
            HttpResponse<String> res = send(bad, BODY);
            assertError(res, 422, "validation_error");
            assertEquals("Idempotency-Key",
                    json(res).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
        }
        assertEquals(200, send("k".repeat(255), BODY).statusCode());
    }

    @Test
    void without_a_key_nothing_is_claimed() throws Exception {
        HttpResponse<String> res = edge.call("POST", "/api/send-message", Map.of("Authorization",
                "Bearer " + FakeUseCases.GOOD_KEY, "Content-Type", "application/json"), BODY);
        assertEquals(200, res.statusCode(), res.body());
        assertNull(fakes.lastClaimHash.get());
    }

    /** The calls about one key: each test looks at its own key only. */
    private static List<String> callsFor(String key) {
        return fakes.idempotencyCalls.stream()
                .filter(call -> call.startsWith("remember " + key + " ") || call.equals("release " + key))
                .toList();
    }

    private static HttpResponse<String> send(String key, String body) throws Exception {
        return edge.call("POST", "/api/send-message", Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY,
                "Content-Type", "application/json", "Idempotency-Key", key), body);
    }
}
