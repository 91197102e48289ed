package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §11's rate-limit headers through real HTTP on real PostgreSQL: on the 200 and on each of the three
 * 429s, with the limits in force (an admin override included) and the same counts and reset instants that
 * GET /api/usage reports; never on an answer refused before the quota step.
 */
class RateLimitHeadersEndToEndTest {
    /** Not UTC, so that a day or a month computed in the wrong zone fails. */
    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void aSentAnswerTellsTheLimitsInForceAndWhatIsLeftAsUsageReportsIt() {
        Client client = clientIn(ZONE);
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 7, \"monthly_limit\": 50, \"per_minute_limit\": 5}");
        awaitEarlyInTheMinute();
        assertEquals(200, gateway.send(client, "+15550000001", "Ticket #1 updated", "support").status());
        Response sent = gateway.send(client, "+15550000002", "Ticket #2 updated", "support");
        Instant answered = Instant.now();
        assertEquals(200, sent.status(), sent.body());

        Map<String, Map<String, Long>> policy = parse(sent.header("RateLimit-Policy").orElseThrow());
        assertEquals(List.of("minute", "day", "month"), List.copyOf(policy.keySet()));
        assertEquals(Map.of("q", 5L, "w", 60L), policy.get("minute"));
        assertEquals(Map.of("q", 7L, "w", dayLength(answered)), policy.get("day"));
        assertEquals(Map.of("q", 50L, "w", monthLength(answered)), policy.get("month"));

        Map<String, Map<String, Long>> state = parse(sent.header("RateLimit").orElseThrow());
        assertEquals(3, state.get("minute").get("r"));
        assertEquals(5, state.get("day").get("r"));
        assertEquals(48, state.get("month").get("r"));
        assertMatchesUsage(client, state, answered);
    }

    @Test
    void eachOfTheThreeLimitRefusalsTellsItToo() {
        Client client = clientIn(ZONE);
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100, \"monthly_limit\": 2000, \"per_minute_limit\": 1}");
        awaitEarlyInTheMinute();
        assertEquals(200, gateway.send(client, "+15550000001", "Ticket #1 updated", "support").status());

        Response throttled = gateway.send(client, "+15550000001", "Ticket #1 updated", "support");
        Instant answered = Instant.now();
        assertSeedError(throttled, "sending_throttled");
        Map<String, Map<String, Long>> state = parse(throttled.header("RateLimit").orElseThrow());
        assertEquals(Map.of("q", 1L, "w", 60L), parse(throttled.header("RateLimit-Policy").orElseThrow()).get("minute"));
        assertEquals(0, state.get("minute").get("r"));
        assertEquals(99, state.get("day").get("r"));
        assertEquals(1999, state.get("month").get("r"));
        assertEquals(throttled.header("Retry-After").orElseThrow(), String.valueOf(state.get("minute").get("t")));
        assertMatchesUsage(client, state, answered);

        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 1, \"per_minute_limit\": 20}");
        Response daily = gateway.send(client, "+15550000001", "Ticket #1 updated", "support");
        answered = Instant.now();
        assertSeedError(daily, "daily_message_limit_exceeded");
        assertEquals(Map.of("q", 1L, "w", dayLength(answered)),
                parse(daily.header("RateLimit-Policy").orElseThrow()).get("day"));
        state = parse(daily.header("RateLimit").orElseThrow());
        assertEquals(List.of(19L, 0L, 1999L), List.of(state.get("minute").get("r"), state.get("day").get("r"),
                state.get("month").get("r")));
        assertEquals(daily.header("Retry-After").orElseThrow(), String.valueOf(state.get("day").get("t")));
        assertMatchesUsage(client, state, answered);

        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100, \"monthly_limit\": 1}");
        Response monthly = gateway.send(client, "+15550000001", "Ticket #1 updated", "support");
        answered = Instant.now();
        assertSeedError(monthly, "monthly_message_limit_exceeded");
        assertEquals(Map.of("q", 1L, "w", monthLength(answered)),
                parse(monthly.header("RateLimit-Policy").orElseThrow()).get("month"));
        state = parse(monthly.header("RateLimit").orElseThrow());
        assertEquals(List.of(19L, 99L, 0L), List.of(state.get("minute").get("r"), state.get("day").get("r"),
                state.get("month").get("r")));
        assertMatchesUsage(client, state, answered);
    }

    @Test
    void anAnswerRefusedBeforeTheQuotaStepHasNone() {
        Client client = clientIn(ZONE);
        Response invalid = gateway.send(client, "0501234567", "Ticket #1 updated", "support");
        assertSeedError(invalid, "validation_error");
        Response violation = gateway.send(client, "+15550000001",
                "Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now", "transactional");
        assertSeedError(violation, "policy_violation");
        Response foreign = gateway.send(new Client(client.accountId(), "no-such-instance", client.apiKey(),
                client.apiKeyId()), "+15550000001", "Ticket #1 updated", "support");
        assertSeedError(foreign, "invalid_instance");
        for (Response refused : List.of(invalid, violation, foreign)) {
            assertTrue(refused.header("RateLimit").isEmpty(), refused.toString());
            assertTrue(refused.header("RateLimit-Policy").isEmpty(), refused.toString());
        }
        // The same client's send that reaches the quota step has them: the absence above is not an accident.
        assertTrue(gateway.send(client, "+15550000001", "Ticket #1 updated", "support").header("RateLimit").isPresent());
    }

    @Test
    void aReplayedAnswerGivesTheHeadersAsTheyWere() {
        Client client = clientIn(ZONE);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + client.apiKey(),
                "Content-Type", "application/json", "Idempotency-Key", "rate-limit-replay");
        String body = "{\"instance_id\": \"" + client.instanceId()
                + "\", \"phone\": \"+15550000001\", \"message\": \"Ticket #1 updated\", \"message_purpose\": \"support\"}";
        Response first = gateway.call("POST", "/api/send-message", body, headers);
        assertEquals(200, first.status(), first.body());
        assertEquals(200, gateway.send(client, "+15550000002", "Ticket #2 updated", "support").status());

        Response replay = gateway.call("POST", "/api/send-message", body, headers);
        assertEquals(first.body(), replay.body());
        assertEquals(first.header("RateLimit").orElseThrow(), replay.header("RateLimit").orElseThrow());
        assertEquals(first.header("RateLimit-Policy").orElseThrow(), replay.header("RateLimit-Policy").orElseThrow());
        assertEquals(19, parse(replay.header("RateLimit").orElseThrow()).get("minute").get("r"),
                "the count after the first send, not after the second");
    }

    /** r is the limit less what /api/usage counts, t the seconds to its resets_at (rounded up, a second or two off). */
    private static void assertMatchesUsage(Client client, Map<String, Map<String, Long>> state, Instant answered) {
        JsonObject usage = gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json();
        for (Map.Entry<String, String> window : Map.of("minute", "per_minute", "day", "daily", "month", "monthly").entrySet()) {
            JsonObject reported = usage.getJsonObject(window.getValue());
            long remaining = Math.max(0, reported.getInt("limit") - reported.getInt("used"));
            assertEquals(remaining, state.get(window.getKey()).get("r"), window.getKey());
            long toReset = Duration.between(answered, Instant.parse(reported.getString("resets_at"))).toSeconds();
            long t = state.get(window.getKey()).get("t");
            assertTrue(Math.abs(t - toReset) <= 2, window.getKey() + ": t=" + t + ", resets_at in " + toReset + " s");
        }
    }

    /** "name";k=v;k=v, "name";... as ordered maps (the structured-field dictionary's members, in order). */
    private static Map<String, Map<String, Long>> parse(String header) {
        Map<String, Map<String, Long>> items = new LinkedHashMap<>();
        for (String item : header.split(", ")) {
            String[] parts = item.split(";");
            assertTrue(parts[0].startsWith("\"") && parts[0].endsWith("\""), header);
            Map<String, Long> parameters = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=");
                parameters.put(kv[0], Long.parseLong(kv[1]));
            }
            items.put(parts[0].substring(1, parts[0].length() - 1), parameters);
        }
        return items;
    }

    private static long dayLength(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZONE);
        return Duration.between(day.atStartOfDay(ZONE), day.plusDays(1).atStartOfDay(ZONE)).toSeconds();
    }

    private static long monthLength(Instant at) {
        LocalDate month = LocalDate.ofInstant(at, ZONE).withDayOfMonth(1);
        return Duration.between(month.atStartOfDay(ZONE), month.plusMonths(1).atStartOfDay(ZONE)).toSeconds();
    }

    /**
     * The minute counts of a few sends and a usage read are compared: they must fall in one minute. Waiting for the
     * start of a fresh minute when too little of this one is left arranges that; nothing is asserted about time.
     */
    private static void awaitEarlyInTheMinute() {
        while (ZonedDateTime.now(ZONE).getSecond() >= 40) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Client clientIn(ZoneId zone) {
        JsonObject created = gateway.admin("POST", "/admin/accounts",
                "{\"name\": \"Shop\", \"timezone\": \"" + zone.getId() + "\"}").json();
        assertEquals(zone.getId(), created.getString("timezone"));
        String account = created.getString("account_id");
        Response instance = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"Shop line\", \"plan\": \"starter\"}");
        assertEquals(201, instance.status(), instance.body());
        Response key = gateway.admin("POST", "/admin/accounts/" + account + "/api-keys", "");
        return new Client(account, instance.json().getString("instance_id"), key.json().getString("api_key"),
                key.json().getString("api_key_id"));
    }
}
