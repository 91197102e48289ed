package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reads the operator console is built on (contract §12), through real HTTP on real PostgreSQL: every answer is
 * also held to the OpenAPI description by {@link GatewayUnderTest}. The tests of this class share one database and
 * run one after another, so the overview's counts are compared before and after.
 */
class OperatorReadsEndToEndTest {
    private static final String SPAM = "Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now";

    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void theReviewListShowsRulesPausesNewestFirstWithTheirEvidenceAndRefusals() {
        Client spammer = roomyClient();
        for (int i = 0; i < 4; i++) {
            assertSeedError(gateway.send(spammer, "+966501234567", SPAM, "transactional"), "policy_violation");
        }
        assertSeedError(gateway.send(spammer, "+966501234567", SPAM, "transactional"), "instance_paused_for_review");
        assertSeedError(gateway.send(spammer, "+966501234567", "Your order #77 has shipped", "transactional"),
                "instance_paused_for_review");
        Client failing = roomyClient();
        for (int i = 0; i < 20; i++) {
            assertEquals(502, gateway.send(failing, String.format("+9665%02d000000", i + 10), "Your order #9 is on its way",
                    "transactional").status());
        }
        assertSeedError(gateway.send(failing, "+966501234567", "Your order #9 is on its way", "transactional"),
                "instance_paused_for_review");

        List<JsonObject> review = all("/admin/review", "instances", 1);
        List<String> order = review.stream().map(p -> p.getString("instance_id"))
                .filter(Set.of(spammer.instanceId(), failing.instanceId())::contains).toList();
        assertEquals(List.of(failing.instanceId(), spammer.instanceId()), order, "the most recently paused first");

        JsonObject spam = entry(review, spammer.instanceId());
        assertEquals("rules", spam.getString("paused_by"));
        assertEquals(spam.getString("paused_at"), spam.getJsonObject("pause").getString("at"));
        assertEquals(spammer.accountId(), spam.getString("account_id"));
        assertFalse(spam.getString("timezone").isBlank());
        assertTrue(signals(spam.getJsonObject("pause")).containsKey("repeated_violations"), spam.toString());
        Map<String, String> evidence = new HashMap<>();
        spam.getJsonArray("assessments").getValuesAs(JsonObject.class).forEach(a -> evidence.putAll(signals(a)));
        assertEquals("bit.ly", evidence.get("shortened_link"), "the link host");
        assertTrue(evidence.get("scam").toLowerCase().contains("won"), "the matched phrase: " + evidence.get("scam"));
        List<String> refusals = spam.getJsonArray("recent_refusals").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("error")).toList();
        assertEquals("instance_paused_for_review", refusals.getFirst(), refusals.toString());
        assertTrue(refusals.contains("policy_violation"), refusals.toString());
        assertEquals("+966501234567", spam.getJsonArray("recent_refusals").getJsonObject(0).getString("phone"),
                "operators see whole numbers");

        JsonObject failed = entry(review, failing.instanceId());
        assertEquals("20 of the last 20 deliveries failed", signals(failed.getJsonObject("pause")).get("failed_deliveries"),
                "the share of failures");

        gateway.admin("POST", "/admin/instances/" + failing.instanceId() + "/resume", "");
        assertFalse(all("/admin/review", "instances", 50).stream()
                .anyMatch(p -> p.getString("instance_id").equals(failing.instanceId())), "a resumed instance leaves the list");
    }

    @Test
    void anOperatorsPauseIsListedWithoutAnAssessment() {
        Client client = roomyClient();
        gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/pause", "");

        JsonObject entry = entry(all("/admin/review", "instances", 50), client.instanceId());
        assertEquals("operator", entry.getString("paused_by"));
        assertEquals(JsonValue.NULL, entry.get("pause"));
    }

    @Test
    void theSearchFindsByIdOrNameFragmentPagesAndShowsTheUsageTheClientSees() {
        String account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Search\", \"timezone\": \"Asia/Riyadh\"}")
                .json().getString("account_id");
        for (String id : List.of("findme-one", "findme-two", "findme-three")) {
            assertEquals(201, gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                    + "\", \"instance_id\": \"" + id + "\", \"name\": \"Pharmacy " + id + "\", \"plan\": \"starter\"}").status());
        }
        Response key = gateway.admin("POST", "/admin/accounts/" + account + "/api-keys", "");
        Client client = new Client(account, "findme-two", key.json().getString("api_key"), key.json().getString("api_key_id"));
        assertEquals(200, gateway.send(client, "+966501234567", "Your prescription is ready", "transactional").status());
        assertEquals(200, gateway.send(client, "+966501234568", "Your prescription is ready", "transactional").status());

        assertEquals(List.of("findme-one", "findme-three", "findme-two"), ids(all("/admin/instances?q=FINDME", "instances", 1)),
                "by id, one page at a time");
        assertEquals(List.of("findme-two"), ids(all("/admin/instances?q=pharmacy%20findme-tw", "instances", 50)));
        Response badCursor = gateway.admin("GET", "/admin/instances?q=findme&cursor=bm90LW91cnM", null);
        assertEquals(422, badCursor.status(), badCursor.body());
        assertEquals("cursor", badCursor.details().getJsonArray("fields").getJsonObject(0).getString("field"));

        JsonObject listed = all("/admin/instances?q=findme-two", "instances", 50).getFirst();
        JsonObject usage = gateway.get(client.apiKey(), "/api/usage?instance_id=findme-two").json();
        assertEquals("Asia/Riyadh", listed.getString("timezone"));
        assertEquals(usage.getJsonObject("daily").getInt("used"), listed.getJsonObject("usage").getInt("daily"));
        assertEquals(usage.getJsonObject("monthly").getInt("used"), listed.getJsonObject("usage").getInt("monthly"));
        assertEquals(usage.getJsonObject("daily").getInt("limit"), listed.getJsonObject("limits").getInt("daily"));
        assertEquals(usage.getJsonObject("monthly").getInt("limit"), listed.getJsonObject("limits").getInt("monthly"));
        assertEquals(2, listed.getJsonObject("usage").getInt("daily"));
    }

    @Test
    void anInstancesMessagesAndSuppressionsAreReadAsTheClientReadsThem() {
        Client client = roomyClient();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gateway.send(client, "+966501234567", "Your order #" + i + " has shipped", "transactional").status());
        }
        JsonArray clientView = gateway.get(client.apiKey(), "/api/messages?instance_id=" + client.instanceId()).json()
                .getJsonArray("messages");
        List<JsonObject> operatorView = all("/admin/instances/" + client.instanceId() + "/messages", "messages", 2);
        assertEquals(clientView.getValuesAs(JsonObject.class), operatorView);

        gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/suppressions", "{\"phone\": \"+966501230001\"}");
        gateway.admin("DELETE", "/admin/instances/" + client.instanceId() + "/suppressions/%2B966501230001", null);
        gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/suppressions", "{\"phone\": \"+966501230001\"}");
        assertEquals(202, gateway.inbound(client, "+966501230002", "STOP").status());
        List<JsonObject> suppressions = all("/admin/instances/" + client.instanceId() + "/suppressions", "suppressions", 1);
        assertEquals(List.of("+966501230002", "+966501230001"), suppressions.stream().map(s -> s.getString("phone")).toList());
        assertEquals(List.of("added", "lifted", "added"), suppressions.getLast().getJsonArray("history")
                .getValuesAs(JsonObject.class).stream().map(a -> a.getString("action")).toList());
        assertTrue(suppressions.getFirst().getJsonArray("history").getJsonObject(0).getString("note").contains("STOP"));
        assertEquals(404, gateway.admin("GET", "/admin/instances/nope/messages", null).status());
    }

    @Test
    void theOverviewCountsTheSendsByOutcomeInTheirHourAndTheTopRefusalCodes() {
        JsonObject before = gateway.admin("GET", "/admin/overview", null).json();
        Client client = gateway.newClient("scale");
        gateway.sendOfEachOutcome(client);
        assertEquals(202, gateway.inbound(client, "+966501239999", "STOP").status());
        JsonObject after = gateway.admin("GET", "/admin/overview", null).json();

        assertEquals(24, after.getJsonArray("hours").size());
        Map<String, Map<String, Integer>> added = new HashMap<>();
        for (JsonObject hour : after.getJsonArray("hours").getValuesAs(JsonObject.class)) {
            JsonObject was = hourOf(before, hour.getString("hour"));
            Map<String, Integer> delta = new HashMap<>();
            for (String outcome : List.of("sent", "failed", "refused", "unknown")) {
                int d = hour.getInt(outcome) - (was == null ? 0 : was.getInt(outcome));
                if (d != 0) {
                    delta.put(outcome, d);
                }
            }
            if (!delta.isEmpty()) {
                added.put(hour.getString("hour"), delta);
            }
        }
        Map<String, Integer> byHourOfTheirLogRows = new HashMap<>();
        gateway.get(client.apiKey(), "/api/messages?instance_id=" + client.instanceId()).json().getJsonArray("messages")
                .getValuesAs(JsonObject.class).forEach(m -> byHourOfTheirLogRows.merge(
                        Instant.parse(m.getString("created_at")).truncatedTo(ChronoUnit.HOURS).toString(), 1, Integer::sum));
        assertEquals(byHourOfTheirLogRows, added.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().values().stream().mapToInt(Integer::intValue).sum())), "each send in its own hour");
        Map<String, Integer> total = new HashMap<>();
        added.values().forEach(d -> d.forEach((k, v) -> total.merge(k, v, Integer::sum)));
        assertEquals(Map.of("sent", 2, "failed", 1, "refused", 3), total);

        assertEquals(3, refusals(after, "daily_message_limit_exceeded") - refusals(before, "daily_message_limit_exceeded"));
        assertEquals(1, after.getJsonNumber("opt_outs").intValue() - before.getJsonNumber("opt_outs").intValue());
        assertTrue(after.getJsonObject("webhook_backlog").getInt("pending") >= 0);
    }

    @Test
    void accountsAndTheirKeysAreListedWithoutAnySecret() {
        JsonObject account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Clinic\", \"timezone\": \"Asia/Riyadh\"}").json();
        String id = account.getString("account_id");
        JsonObject first = gateway.admin("POST", "/admin/accounts/" + id + "/api-keys", "").json();
        JsonObject second = gateway.admin("POST", "/admin/accounts/" + id + "/api-keys", "").json();
        assertEquals(200, gateway.admin("POST", "/admin/api-keys/" + first.getString("api_key_id") + "/revoke", "").status());
        assertEquals(201, gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + id
                + "\", \"name\": \"Reminders\", \"plan\": \"starter\"}").status());

        JsonObject listed = all("/admin/accounts", "accounts", 2).stream()
                .filter(a -> a.getString("account_id").equals(id)).findFirst().orElseThrow();
        assertEquals("Clinic", listed.getString("name"));
        assertEquals("Asia/Riyadh", listed.getString("timezone"));
        assertEquals(1, listed.getInt("instances"));

        Response keys = gateway.admin("GET", "/admin/accounts/" + id + "/api-keys", null);
        assertEquals(200, keys.status());
        List<JsonObject> array = keys.json().getJsonArray("api_keys").getValuesAs(JsonObject.class);
        assertEquals(List.of(second.getString("api_key_id"), first.getString("api_key_id")),
                array.stream().map(k -> k.getString("api_key_id")).toList(), "newest first");
        assertFalse(array.getFirst().containsKey("revoked_at") && !array.getFirst().isNull("revoked_at"));
        assertFalse(array.getLast().isNull("revoked_at"));
        for (String secret : List.of(first.getString("api_key"), second.getString("api_key"))) {
            assertFalse(keys.body().contains(secret), "a key is shown only when issued");
            assertFalse(keys.body().contains(secret.substring(16)), "nor any part past its prefix");
        }
        assertEquals(404, gateway.admin("GET", "/admin/accounts/acc_nobody/api-keys", null).status());
    }

    /** Every entry of a paged list, following next_cursor. */
    private static List<JsonObject> all(String path, String field, int limit) {
        List<JsonObject> entries = new ArrayList<>();
        String cursor = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            Response page = gateway.admin("GET", path + sep + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null);
            assertEquals(200, page.status(), page.body());
            JsonArray items = page.json().getJsonArray(field);
            assertTrue(items.size() <= limit);
            entries.addAll(items.getValuesAs(JsonObject.class));
            cursor = page.isNull("next_cursor") ? null : page.json().getString("next_cursor");
        } while (cursor != null);
        return entries;
    }

    private static JsonObject entry(List<JsonObject> review, String instanceId) {
        return review.stream().filter(p -> p.getString("instance_id").equals(instanceId)).findFirst().orElseThrow();
    }

    private static Map<String, String> signals(JsonObject assessment) {
        Map<String, String> evidence = new HashMap<>();
        assessment.getJsonArray("signals").getValuesAs(JsonObject.class)
                .forEach(s -> evidence.putIfAbsent(s.getString("name"), s.getString("evidence")));
        return evidence;
    }

    private static List<String> ids(List<JsonObject> instances) {
        return instances.stream().map(i -> i.getString("instance_id")).toList();
    }

    private static JsonObject hourOf(JsonObject overview, String hour) {
        return overview.getJsonArray("hours").getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("hour").equals(hour)).findFirst().orElse(null);
    }

    private static int refusals(JsonObject overview, String code) {
        return overview.getJsonArray("top_refusals").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("error").equals(code)).mapToInt(r -> r.getInt("count")).sum();
    }

    /** A Scale instance with limits out of the way, so that only the risk rules refuse. */
    private static Client roomyClient() {
        Client client = gateway.newClient("scale");
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"per_minute_limit\": 100000}");
        return client;
    }
}
