package hub.gateway.bootstrap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile and ordinary requests, as raw bytes, from one {@link Random}: the same seed gives the same
 * requests. Each request names its kind, so that a failure can be told apart and replayed.
 */
final class HostileRequests {
    /** One request: what it tries, its bytes, and whether it is a HEAD (whose answer has no body). */
    record Request(String kind, byte[] bytes, boolean head) {
        String shown() {
            String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
            return kind + ": " + text.replaceAll("[^\\x20-\\x7e]", "?") + (bytes.length > 300 ? "… (" + bytes.length + " bytes)" : "");
        }
    }

    /** Who the fuzzer is: a real client with its instance, a second instance to bother, the admin token. */
    record Identity(String apiKey, String instanceId, String otherInstanceId, String accountId, String adminToken,
                    String metaAppSecret) {
    }

    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", "TRACE",
            "FOO", "PROPFIND", "get", "Post", "CONNECT", "M-SEARCH", "GéT", "G\tT", "PÖST", "", "G\u0000T", "X".repeat(300)};
    private static final String[] PURPOSES = {"transactional", "operational", "support", "internal_team",
            "authentication", "marketing", "", "TRANSACTIONAL"};
    private static final String[] SEND_FIELDS = {"instance_id", "phone", "message", "message_purpose"};
    private static final String[] ADMIN_FIELDS = {"name", "timezone", "account_id", "instance_id", "plan", "transport",
            "webhook_url", "phone_number_id", "access_token", "daily_limit", "monthly_limit", "per_minute_limit", "from", "text", "phone"};
    private static final String[] HUGE_NUMBERS = {"1" + "0".repeat(5_000), "1e99999", "-1e-99999", "1E+2147483648",
            "0e999999999", "1." + "0".repeat(3_000) + "1", "-" + "9".repeat(1_200), "123456789012345678901234567890",
            "1e-2147483647", "9.99e308", "4.9e-325"};
    private static final String[] BAD_ESCAPES = {"%", "%z", "%zz", "%e9", "%c3%28", "%ff", "%e2%82", "%%", "%0", "%u0041", "%c0%af"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain",
            "application/x-www-form-urlencoded", "application/problem+json", "application/json; charset=utf-16",
            "*/*", "json", "application/jsön", "", ";;;", "application/json, text/plain"};

    private final Random random;
    private final Identity who;

    HostileRequests(long seed, Identity who) {
        this.random = new Random(seed);
        this.who = who;
    }

    List<Request> generate(int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next());
        }
        return requests;
    }

    private Request next() {
        return switch (random.nextInt(14)) {
            case 0, 1 -> send("valid send", validSendBody());
            case 2 -> send("broken body", brokenBody());
            case 3 -> deepNesting();
            case 4 -> nulInBody();
            case 5 -> hugeNumbers();
            case 6 -> nulInUrl();
            case 7 -> malformedEscape();
            case 8 -> oddMethod();
            case 9 -> oddHeaders();
            case 10 -> badLengthOrType();
            case 11 -> nonAsciiRequestLine();
            case 12 -> webhook();
            default -> randomPath();
        };
    }

    // --- kinds ------------------------------------------------------------------------------------------

    private Request deepNesting() {
        int depth = pickInt(33, 34, 40, 100, 999, 1_000, 1_001, 5_000, 20_000, 32);
        String open = random.nextBoolean() ? "{\"a\":" : "[";
        String close = open.equals("[") ? "]" : "}";
        String inner = open.repeat(depth - 1) + "1" + close.repeat(depth - 1);
        String body = random.nextBoolean()
                ? inner // the nesting is the body itself
                : "{\"instance_id\": \"" + who.instanceId() + "\", \"extra\": " + inner + "}";
        return switch (random.nextInt(4)) {
            case 0 -> send("deep nesting " + depth, body);
            case 1 -> admin("PATCH", "/admin/instances/" + who.otherInstanceId(), "deep nesting " + depth, body);
            case 2 -> admin("POST", "/admin/accounts", "deep nesting " + depth, body);
            default -> webhookRequest("deep nesting " + depth, body.getBytes(StandardCharsets.UTF_8), random.nextBoolean());
        };
    }

    private Request nulInBody() {
        String nul = pick("\\u0000", "a\\u0000", "\\u0000\\u0000", "x\\u0000y");
        if (random.nextInt(3) == 0) {
            String field = pick(ADMIN_FIELDS);
            if (random.nextInt(4) == 0) {
                nul = oddText();
            }
            String body = random.nextBoolean()
                    ? "{\"" + field + "\": \"" + nul + "\", \"name\": \"Shop\", \"account_id\": \"" + who.accountId() + "\", \"plan\": \"starter\"}"
                    : "{\"" + field + "\\u0000\": 1, \"inner\": [1, {\"k\": [\"" + nul + "\"]}]}";
            String path = pick("/admin/accounts", "/admin/instances", "/admin/instances/" + who.otherInstanceId(),
                    "/admin/instances/" + who.otherInstanceId() + "/inbound", "/admin/instances/" + who.otherInstanceId() + "/suppressions");
            String method = path.equals("/admin/instances/" + who.otherInstanceId()) ? "PATCH" : "POST";
            return admin(method, path, "NUL in admin " + field, body);
        }
        String field = pick(SEND_FIELDS);
        String body = validSendBody().replaceFirst("\"" + field + "\": \"", "\"" + field + "\": \"" + nul);
        if (random.nextBoolean()) {
            return send("NUL in send " + field, body);
        }
        return client("POST", "/api/suppressions", "NUL in block body",
                "{\"instance_id\": \"" + who.instanceId() + "\", \"phone\": \"+9665" + nul + "\"}");
    }

    private Request hugeNumbers() {
        String huge = pick(HUGE_NUMBERS);
        return switch (random.nextInt(4)) {
            case 0 -> send("huge phone", validSendBody().replaceFirst("\"phone\": \"[^\"]*\"", "\"phone\": " + huge));
            case 1 -> admin("PATCH", "/admin/instances/" + who.otherInstanceId(), "huge limit",
                    "{\"" + pick("daily_limit", "monthly_limit", "per_minute_limit") + "\": " + huge + "}");
            case 2 -> client("GET", "/api/messages?instance_id=" + who.instanceId() + "&limit=" + urlSafe(huge), "huge limit query", null);
            default -> admin("GET", "/admin/instances/" + who.otherInstanceId() + pick("/risk-events", "/webhook-deliveries")
                    + "?limit=" + urlSafe(huge), "huge admin limit query", null);
        };
    }

    private Request nulInUrl() {
        return switch (random.nextInt(5)) {
            case 0 -> client("GET", "/api/usage?instance_id=" + pick("%00", who.instanceId() + "%00", "a%00b"), "NUL in query", null);
            case 1 -> client("GET", "/api/messages/" + pick("%00", "1%00", "%001"), "NUL in log id", null);
            case 2 -> client("DELETE", "/api/suppressions/" + pick(who.instanceId(), "%00") + "/" + pick("%2B9665%00", "%00"),
                    "NUL in suppression path", null);
            case 3 -> admin(pick("GET", "POST", "PATCH"), "/admin/" + pick("instances/%00", "accounts/%00/api-keys",
                    "api-keys/%00/revoke", "instances/%00/pause", "instances/" + who.otherInstanceId() + "/suppressions/%00",
                    "instances/%00/webhook-deliveries/1/replay"), "NUL in admin path", "{}");
            default -> client("GET", "/api/" + pick("messages", "suppressions") + "?instance_id=" + who.instanceId()
                    + "&" + pick("limit=%00", "%00=1", "x%00y=z"), "NUL in query name or value", null);
        };
    }

    private Request malformedEscape() {
        String bad = pick(BAD_ESCAPES);
        return switch (random.nextInt(3)) {
            case 0 -> client("GET", "/api/usage?instance_id=" + bad, "bad escape in query", null);
            case 1 -> client("GET", "/api/messages/" + bad, "bad escape in path", null);
            default -> admin("GET", "/admin/instances/" + bad, "bad escape in admin path", null);
        };
    }

    private Request oddMethod() {
        String method = pick(METHODS);
        String path = pick("/api/usage?instance_id=" + who.instanceId(), "/api/send-message", "/admin/instances/" + who.otherInstanceId(),
                "/webhooks/whatsapp", "/observe/health", "/nowhere", "/", "/api/messages/1");
        String auth = path.startsWith("/admin") ? who.adminToken() : who.apiKey();
        String body = method.equalsIgnoreCase("GET") || method.equals("HEAD") ? null : validSendBody();
        return raw("odd method " + printable(method), method, path, headers(auth, body), body, method.equals("HEAD"));
    }

    private Request oddHeaders() {
        String body = validSendBody();
        List<String> headers = new ArrayList<>();
        headers.add("Host: gateway");
        switch (random.nextInt(12)) {
            case 0 -> {
                headers.add("Authorization: Bearer " + who.apiKey());
                headers.add("Authorization: Bearer someone-else");
            }
            case 1 -> headers.add("Authorization: Bearer");
            case 2 -> headers.add("Authorization: Basic " + who.apiKey());
            case 3 -> headers.add("Authorization : Bearer " + who.apiKey());
            case 4 -> headers.add("Authorization: Bearer " + who.apiKey() + "\u0000");
            case 5 -> headers.add("X-Request-Id: " + pick("", "\u00e9\u00e9", "a".repeat(500), "\u0000", "<script>", "a b"));
            case 6 -> headers.add("Idempotency-Key: " + pick("", "k".repeat(300), "é", "a\u0000b", "  ", "key-" + random.nextInt(5)));
            case 7 -> headers.add("X-Long: " + "v".repeat(pickInt(1_000, 9_000, 20_000, 70_000)));
            case 8 -> headers.add("X-Folded: a\r\n  folded");
            case 9 -> headers.add("NoColonHere");
            case 10 -> {
                for (int i = 0; i < 300; i++) {
                    headers.add("X-H" + i + ": v");
                }
            }
            default -> headers.add("X-Bin: " + new String(randomBytes(20), StandardCharsets.ISO_8859_1));
        }
        if (random.nextBoolean()) {
            headers.add("Authorization: Bearer " + who.apiKey());
        }
        headers.add("Content-Type: application/json");
        headers.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        headers.add("Connection: close");
        return raw("odd headers", "POST", "/api/send-message", headers, body, false);
    }

    private Request badLengthOrType() {
        String body = random.nextBoolean() ? validSendBody() : brokenBody();
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        List<String> headers = new ArrayList<>(List.of("Host: gateway", "Authorization: Bearer " + who.apiKey(), "Connection: close"));
        switch (random.nextInt(10)) {
            case 0 -> headers.add("Content-Length: " + (length + pickInt(1, 10, 1_000)));
            case 1 -> headers.add("Content-Length: " + Math.max(0, length - pickInt(1, 5, length)));
            case 2 -> headers.add("Content-Length: " + pick("-1", "abc", "99999999999999999999", "1e3", " ", "0x10", "+5"));
            case 3 -> {
                headers.add("Content-Length: " + length);
                headers.add("Content-Length: " + (random.nextBoolean() ? length : length + 1));
            }
            case 4 -> {
                headers.add("Transfer-Encoding: chunked");
                if (random.nextBoolean()) {
                    headers.add("Content-Length: " + length);
                }
                return raw("chunked body", "POST", "/api/send-message", headers,
                        random.nextBoolean() ? chunked(body) : pick("zz\r\n" + body, "5\r\nab", "ffffffffffffffff\r\nx\r\n0\r\n\r\n"), false);
            }
            case 5 -> headers.add("Transfer-Encoding: " + pick("gzip", "identity", "chunked, gzip", "bogus"));
            default -> {
                headers.add("Content-Type: " + pick(CONTENT_TYPES));
                if (random.nextInt(3) == 0) {
                    headers.add("Content-Type: " + pick(CONTENT_TYPES));
                }
                headers.add("Content-Length: " + length);
            }
        }
        return raw("bad length or type", pick("POST", "PATCH"), random.nextBoolean() ? "/api/send-message" : "/api/suppressions",
                headers, body, false);
    }

    private Request nonAsciiRequestLine() {
        String target = pick("/api/usé", "/api/usage?instance_id=é", "/ädmin/instances", "/api/messages/١٢٣", "/api/\u0000",
                "/api/usage\tx", "*", "http://gateway/api/usage", "api/usage", "/api/usage HTTP/1.1 extra", "/" + "a".repeat(20_000));
        String version = pick("HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "http/1.1", "", "HTTP/1.1x", "HTTP/1.1 ");
        String line = pick("GET", "GéT", "POST") + " " + target + (version.isEmpty() ? "" : " " + version);
        byte[] head = (line + "\r\nHost: gateway\r\nAuthorization: Bearer " + who.apiKey() + "\r\nConnection: close\r\n\r\n")
                .getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new Request("non-ASCII or odd request line", head, false);
    }

    private Request webhook() {
        String text = pick("STOP", "stop\\u0000", "hello", "START", "\\u0000");
        String timestamp = pick("\"1700000000\"", "1700000000", "\"x\"", HUGE_NUMBERS[0], "1e99999");
        String body = "{\"object\": \"whatsapp_business_account\", \"entry\": [{\"changes\": [{\"field\": \"messages\", \"value\": "
                + "{\"metadata\": {\"phone_number_id\": \"" + pick("1065403", "\\u0000", "") + "\"}, \"messages\": [{\"from\": \"966501234567\", "
                + "\"id\": \"wamid.F" + random.nextInt(1_000) + "\", \"timestamp\": " + timestamp + ", \"type\": \"text\", "
                + "\"text\": {\"body\": \"" + text + "\"}}], \"statuses\": [{\"id\": \"wamid.S\", \"status\": \"" + pick("delivered", "read", "\\u0000")
                + "\", \"timestamp\": \"1700000001\"}]}}]}]}";
        if (random.nextInt(4) == 0) {
            body = truncate(body);
        }
        if (random.nextInt(5) == 0) {
            return raw("webhook subscription", "GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token="
                    + pick("x", "%00", "%", "verify") + "&hub.challenge=" + pick("123", "%00", "%e9"), List.of("Host: gateway", "Connection: close"), null, false);
        }
        return webhookRequest("webhook", body.getBytes(StandardCharsets.UTF_8), random.nextBoolean());
    }

    private Request randomPath() {
        StringBuilder path = new StringBuilder(pick("/api", "/admin", "/webhooks", "/observe", "", "/API", "//api"));
        int segments = random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(pick("usage", "messages", "send-message", "instances", who.otherInstanceId(), "accounts",
                    "..", ".", "%2e%2e", "%2F", "", "health", "whatsapp", "risk-events", "api-keys", "revoke-not", "1",
                    "-1", "99999999999999999999", "x;y=z", "%20", "~", "%41"));
        }
        if (random.nextBoolean()) {
            path.append('?').append(pick("instance_id=" + who.instanceId(), "limit=5", "a=1&a=2", "&&", "=", "x", "limit="));
        }
        String method = pick("GET", "POST", "DELETE", "PATCH", "PUT");
        String token = random.nextBoolean() ? who.adminToken() : who.apiKey();
        String body = method.equals("GET") || method.equals("DELETE") ? null : pick("{}", validSendBody(), brokenBody());
        String target = path.isEmpty() ? "/" : path.toString();
        return raw("random path", method, target, headers(token, body), body, false);
    }

    // --- pieces -----------------------------------------------------------------------------------------

    private String validSendBody() {
        return "{\"instance_id\": \"" + (random.nextInt(10) == 0 ? who.otherInstanceId() : who.instanceId())
                + "\", \"phone\": \"+9665" + (10_000_000 + random.nextInt(89_999_999))
                + "\", \"message\": \"" + (random.nextInt(8) == 0 ? oddText() : text()) + "\", \"message_purpose\": \""
                + pick(PURPOSES) + "\"}";
    }

    private String brokenBody() {
        return switch (random.nextInt(9)) {
            case 0 -> truncate(validSendBody());
            case 1 -> new String(randomBytes(random.nextInt(200)), StandardCharsets.ISO_8859_1);
            case 2 -> pick("", "null", "[]", "\"text\"", "{} {}", "{,}", "{\"a\" 1}", "{'a': 1}", "NaN", "{\"a\": Infinity}");
            case 3 -> "\uFEFF" + validSendBody();
            case 4 -> validSendBody().replace("\"", "");
            case 5 -> "{\"message\": \"\\ud800\", \"phone\": \"\\udfff\", \"instance_id\": \"" + who.instanceId() + "\"}";
            case 6 -> "{\"instance_id\": \"" + who.instanceId() + "\", \"message\": \"\\u" + pick("zzzz", "12", "") + "\"}";
            case 7 -> "{\"instance_id\": " + pick("true", "[]", "{}", "1.5", "-0", "null") + ", \"message_purpose\": " + pick("1", "[\"support\"]", "{}") + "}";
            default -> "{\"a\": \"" + "x".repeat(70_000) + "\"}";
        };
    }

    /** Valid JSON strings that are odd as text: lone surrogates, control characters, escapes of every kind. */
    private String oddText() {
        return text() + pick("\\ud800", "\\udfff", "\\udfff\\ud800", "\\u0001", "\\u007f", "\\u200e", "\\ufeff", "\\uffff",
                "\\n\\t\\r\\b\\f", "\\\\", "\\/", "\\\"", "\\ud83d\\ude00", "%00", "\\u0000") + text();
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            // Lower-case letters, digits and spaces only: an answer that echoes a message can then never look like
            // a leaked class name or SQL text to the no-internals check.
            text.append("abcdefghijklmnopqrstuvwxyz0123456789 ".charAt(random.nextInt(37)));
        }
        return text.toString();
    }

    private Request send(String kind, String body) {
        return client("POST", "/api/send-message", kind, body);
    }

    private Request client(String method, String path, String kind, String body) {
        List<String> headers = headers(random.nextInt(20) == 0 ? "not-a-key" : who.apiKey(), body);
        if (random.nextInt(8) == 0) {
            headers.add("Idempotency-Key: fuzz-" + random.nextInt(50));
        }
        return raw(kind, method, path, headers, body, false);
    }

    private Request admin(String method, String path, String kind, String body) {
        return raw(kind, method, path, headers(random.nextInt(20) == 0 ? "wrong" : who.adminToken(), body), body, false);
    }

    private Request webhookRequest(String kind, byte[] body, boolean signed) {
        List<String> headers = new ArrayList<>(List.of("Host: gateway", "Content-Type: application/json",
                "Content-Length: " + body.length, "Connection: close"));
        if (signed) {
            headers.add("X-Hub-Signature-256: sha256=" + hmac(body));
        }
        return rawBytes(kind + (signed ? " (signed)" : " (unsigned)"), "POST", "/webhooks/whatsapp", headers, body, false);
    }

    private List<String> headers(String token, String body) {
        List<String> headers = new ArrayList<>(List.of("Host: gateway", "Authorization: Bearer " + token, "Connection: close"));
        if (body != null) {
            headers.add("Content-Type: application/json");
            headers.add("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        }
        return headers;
    }

    private static Request raw(String kind, String method, String target, List<String> headers, String body, boolean head) {
        return rawBytes(kind, method, target, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), head);
    }

    private static Request rawBytes(String kind, String method, String target, List<String> headers, byte[] body, boolean head) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
        for (String header : headers) {
            out.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return new Request(kind, out.toByteArray(), head);
    }

    private static String chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    private String truncate(String text) {
        return text.substring(0, random.nextInt(Math.max(1, text.length())));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(who.metaAppSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps a query value on the request line: characters a URL may not hold are escaped. */
    private static String urlSafe(String value) {
        return value.replace("+", "%2B");
    }

    private static String printable(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text.replaceAll("[^\\x21-\\x7e]", "?");
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private int pickInt(int... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
