package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase.WebhookReceipt;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static hub.gateway.adapter.http.Jsons.JSON;
import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10, "hostile input gets 4xx": one case per rule, through a real server. Each refusal also proves that
 * nothing reached the use case behind it (the fakes record every call), so nothing could reach the database.
 */
class HostileInputTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final Map<String, String> CLIENT = Map.of("Authorization", "Bearer " + FakeUseCases.GOOD_KEY,
            "Content-Type", "application/json");
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN,
            "Content-Type", "application/json");

    private static final FakeUseCases fakes = new FakeUseCases();

    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.lastSend.set(null);
        fakes.lastUpdate.set(null);
        fakes.lastWebhook.set(null);
        fakes.lastCreate.set(null);
        fakes.webhook.set(w -> new WebhookReceipt.Unauthenticated());
    }

    // --- 1. nesting ---

    @Test
    void json_nested_deeper_than_32_levels_is_invalid_json_and_32_levels_are_not() throws Exception {
        HttpResponse<String> deep = edge.call("POST", "/api/send-message", CLIENT, nested(33));
        assertError(deep, 400, "invalid_json");
        assertNull(fakes.lastSend.get());

        edge.call("POST", "/api/send-message", CLIENT, nested(32));
        assertNotNull(fakes.lastSend.get(), "32 levels are ordinary JSON and reach the use case");

        // Far beyond the JSON library's own bound (1,000), which used to escape as a 500.
        assertError(edge.call("POST", "/api/send-message", CLIENT, "[".repeat(5_000) + "]".repeat(5_000)), 400, "invalid_json");
        assertError(edge.call("PATCH", "/admin/instances/inst_12345", ADMIN, nested(40)), 400, "invalid_json");
        assertNull(fakes.lastUpdate.get());
        assertError(edge.call("POST", "/webhooks/whatsapp", Map.of(), nested(2_000)), 400, "invalid_json");
        assertNull(fakes.lastWebhook.get());
    }

    // --- 2. U+0000 ---

    @Test
    void a_nul_in_any_string_of_a_client_body_is_422_naming_the_field() throws Exception {
        HttpResponse<String> res = edge.call("POST", "/api/send-message", CLIENT, """
                {"instance_id": "\\u0000", "phone": "+966501234567", "message": "hi", "message_purpose": "support",
                 "extra": {"a": {"b": [1, 2, "x\\u0000y"]}}}""");
        assertError(res, 422, "validation_error");
        assertEquals(List.of("instance_id", "extra.a.b[2]"), fieldNames(res));
        assertEquals("must not contain the character U+0000", fields(res).getJsonObject(0).getString("reason"));
        assertNull(fakes.lastSend.get());
    }

    @Test
    void a_nul_in_a_field_name_is_422_with_the_nul_shown_escaped() throws Exception {
        HttpResponse<String> res = edge.call("POST", "/api/send-message", CLIENT, "{\"na\\u0000me\": 1}");
        assertError(res, 422, "validation_error");
        assertEquals(List.of("na\\u0000me"), fieldNames(res));
        assertEquals(JsonScreen.NUL_IN_NAME, fields(res).getJsonObject(0).getString("reason"));
    }

    @Test
    void a_nul_in_an_admin_body_is_422_naming_the_field() throws Exception {
        HttpResponse<String> res = edge.call("POST", "/admin/instances", ADMIN,
                "{\"account_id\": \"acc_1\", \"name\": \"Shop\\u0000line\", \"plan\": \"starter\"}");
        assertError(res, 422, "validation_error");
        assertEquals(List.of("name"), fieldNames(res));
        assertNull(fakes.lastCreate.get());
    }

    /** Decision: the screen runs before the provider's signature check (see docs/design.md). */
    @Test
    void a_nul_in_a_provider_webhook_is_422_before_its_signature_is_checked() throws Exception {
        HttpResponse<String> res = edge.call("POST", "/webhooks/whatsapp", Map.of(),
                "{\"entry\": [{\"changes\": [{\"value\": {\"messages\": [{\"text\": {\"body\": \"STOP\\u0000\"}}]}}]}]}");
        assertError(res, 422, "validation_error");
        assertEquals(List.of("entry[0].changes[0].value.messages[0].text.body"), fieldNames(res));
        assertNull(fakes.lastWebhook.get());

        // Not JSON at all is not the screen's business: the signature still answers first.
        assertError(edge.call("POST", "/webhooks/whatsapp", Map.of(), "not json"), 401, "unauthorized");
    }

    @Test
    void a_nul_in_a_query_parameter_is_422_naming_the_parameter() throws Exception {
        HttpResponse<String> res = edge.call("GET", "/api/usage?instance_id=inst%00", CLIENT, null);
        assertError(res, 422, "validation_error");
        assertEquals(List.of("instance_id"), fieldNames(res));
    }

    @Test
    void a_nul_in_a_path_parameter_is_422_naming_the_parameter() throws Exception {
        HttpResponse<String> client = edge.call("DELETE", "/api/suppressions/inst_12345/%2B9665%00", CLIENT, null);
        assertError(client, 422, "validation_error");
        assertEquals(List.of("phone"), fieldNames(client));

        HttpResponse<String> admin = edge.call("PATCH", "/admin/instances/inst%00", ADMIN, "{\"daily_limit\": 5}");
        assertError(admin, 422, "validation_error");
        assertEquals(List.of("id"), fieldNames(admin));
        assertNull(fakes.lastUpdate.get());
    }

    // --- 3. numbers ---

    @Test
    void a_number_too_large_for_any_field_is_422_naming_the_field_however_it_is_written() throws Exception {
        for (String huge : List.of("1" + "0".repeat(5_000), "1e99999", "-1e-99999", "0e999999999", "1e9999999999",
                "123456789012345678", "0.1234567890123456789012")) {
            HttpResponse<String> res = edge.call("POST", "/api/send-message", CLIENT,
                    "{\"instance_id\": \"inst_12345\", \"phone\": " + huge + "}");
            assertError(res, 422, "validation_error");
            assertEquals(List.of("phone"), fieldNames(res), huge);
            assertEquals(JsonScreen.NUMBER_TOO_LARGE, fields(res).getJsonObject(0).getString("reason"));
        }
        assertNull(fakes.lastSend.get());

        HttpResponse<String> patch = edge.call("PATCH", "/admin/instances/inst_12345", ADMIN,
                "{\"daily_limit\": 1e99999, \"monthly_limit\": 9" + "9".repeat(3_000) + ", \"per_minute_limit\": 30}");
        assertError(patch, 422, "validation_error");
        assertEquals(List.of("daily_limit", "monthly_limit"), fieldNames(patch));
        assertNull(fakes.lastUpdate.get());
    }

    @Test
    void ordinary_numbers_pass_the_screen_and_are_judged_by_the_use_case() throws Exception {
        edge.call("PATCH", "/admin/instances/inst_12345", ADMIN,
                "{\"daily_limit\": 10000000, \"monthly_limit\": 1.5e3, \"per_minute_limit\": 999999999999999}");
        assertNotNull(fakes.lastUpdate.get());
    }

    @Test
    void a_limit_query_parameter_too_large_is_422_naming_it() throws Exception {
        HttpResponse<String> res = edge.call("GET", "/admin/instances/inst_12345/risk-events?limit=" + "9".repeat(3_000),
                ADMIN, null);
        assertError(res, 422, "validation_error");
        assertEquals(List.of("limit"), fieldNames(res));
        HttpResponse<String> exponent = edge.call("GET", "/admin/instances/inst_12345/webhook-deliveries?limit=1e99999",
                ADMIN, null);
        assertError(exponent, 422, "validation_error");
        assertEquals(List.of("limit"), fieldNames(exponent));
    }

    // --- 4. malformed escapes and request lines ---

    @Test
    void a_malformed_percent_escape_in_a_query_or_a_path_is_bad_request() throws Exception {
        for (String target : List.of("/api/usage?instance_id=%", "/api/usage?instance_id=%zz", "/api/usage?instance_id=%e9",
                "/api/usage?instance_id=%c3%28", "/api/messages/%e9", "/api/messages/1%2", "/admin/instances/%zz")) {
            String raw = raw(("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + FakeUseCases.GOOD_KEY
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertRawError(raw, 400, "bad_request");
        }
    }

    @Test
    void a_request_line_the_http_parser_rejects_is_bad_request() throws Exception {
        String raw = raw("GéT /api/usage HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertRawError(raw, 400, "bad_request");
    }

    // --- 5. methods ---

    @Test
    void an_unknown_method_is_405_with_allow_on_a_known_path_and_404_elsewhere() throws Exception {
        for (String method : List.of("FOO", "PROPFIND")) {
            String known = raw((method + " /api/usage HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertRawError(known, 405, "method_not_allowed");
            assertTrue(known.contains("\r\nAllow: GET\r\n"), known);

            String unknown = raw((method + " /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertRawError(unknown, 404, "not_found");
        }
    }

    // --- 6. nothing malformed is a 5xx, no answer names internals ---

    @Test
    void a_body_whose_framing_breaks_while_it_is_read_is_bad_request() throws Exception {
        String head = "POST /api/send-message HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + FakeUseCases.GOOD_KEY
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        // A chunk size that is not hexadecimal; one too large for Helidon; fewer bytes than Content-Length announced.
        for (String rest : List.of("Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nx\r\n0\r\n\r\n",
                "Content-Length: 100\r\n\r\n{\"instance_id\": ")) {
            assertRawError(raw((head + rest).getBytes(StandardCharsets.US_ASCII), true), 400, "bad_request");
        }
        assertNull(fakes.lastSend.get());
    }

    @Test
    void no_refusal_quotes_the_input_or_names_internals() throws Exception {
        List<HttpResponse<String>> answers = List.of(
                edge.call("POST", "/api/send-message", CLIENT, "[".repeat(2_000)),
                edge.call("POST", "/api/send-message", CLIENT, "{\"phone\": 1" + "0".repeat(2_000) + "}"),
                edge.call("GET", "/api/usage?instance_id=%25zz%00", CLIENT, null));
        for (HttpResponse<String> answer : answers) {
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, answer.body());
            for (String internal : List.of("Exception", "java.", "jakarta", "parsson", "helidon", "nested", "000000")) {
                assertFalse(answer.body().toLowerCase().contains(internal.toLowerCase()), answer.body());
            }
        }
    }

    // --- helpers ---

    /** {"a":{"a":...{"a":1}...}}: {@code levels} objects, the outermost counted as level 1. */
    private static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{\"a\":1}" + "}".repeat(levels - 1);
    }

    private static JsonArray fields(HttpResponse<String> res) {
        return json(res).getJsonObject("details").getJsonArray("fields");
    }

    private static List<String> fieldNames(HttpResponse<String> res) {
        return fields(res).stream().map(f -> f.asJsonObject().getString("field")).toList();
    }

    /** For requests the JDK client refuses to send: the answer's head and its Content-Length body, as text. */
    private static String raw(byte[] request) throws Exception {
        return raw(request, false);
    }

    /** With {@code endOfInput}, the socket's output is closed after the request: a cut-off body then ends. */
    private static String raw(byte[] request, boolean endOfInput) throws Exception {
        try (Socket socket = new Socket("localhost", edge.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (endOfInput) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String headText = head.toString(StandardCharsets.ISO_8859_1);
            int length = headText.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
            return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private static void assertRawError(String raw, int status, String code) {
        assertTrue(raw.startsWith("HTTP/1.1 " + status + " "), raw);
        JsonObject body = JSON.createReader(new StringReader(raw.substring(raw.indexOf("\r\n\r\n") + 4))).readObject();
        assertEquals(4, body.size(), raw);
        assertFalse(body.getBoolean("success"));
        assertEquals(code, body.getString("error"));
        assertTrue(body.getJsonObject("details").containsKey("action"));
        assertTrue(body.getJsonObject("details").containsKey("risk_score"));
    }
}
