package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators end to end, on two nodes sharing one database: a named operator's token works on every node, what it
 * changes is audited under its name with its notes, its pause is announced to the client with its note, and its
 * revoke is enforced by the other node within a second.
 */
class OperatorsEndToEndTest {
    @Test
    void anOperatorActsIsAuditedAnnouncesItsPauseAndIsRevokedOnEveryNode() throws Exception {
        String database = TestDatabase.shared().createDatabase();
        try (GatewayUnderTest nodeA = GatewayUnderTest.on(database); GatewayUnderTest nodeB = GatewayUnderTest.on(database);
             WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = nodeA.admin("POST", "/admin/operators", "{\"name\": \"alice\"}");
            assertEquals(201, created.status(), created.body());
            String operatorId = created.json().getString("operator_id");
            String token = created.json().getString("token");
            assertEquals(409, nodeA.admin("POST", "/admin/operators", "{\"name\": \"ALICE\"}").status(), "names are unique");
            assertEquals(422, nodeA.admin("POST", "/admin/operators", "{\"name\": \"\"}").status());

            Client client = nodeA.newClient("starter", receiver.url());
            String instance = "/admin/instances/" + client.instanceId();
            Response paused = as(nodeB, token, "POST", instance + "/pause", "{\"note\": \"Complaints: checking consent\"}");
            assertEquals(200, paused.status(), paused.body());
            assertEquals("paused_for_review", paused.json().getString("status"));
            assertEquals(423, nodeA.send(client, "+966501234567", "Your order #7 has shipped", "transactional").status());

            JsonObject event = Json.createReader(new StringReader(receiver.await(1, Duration.ofSeconds(15)).getFirst().body()))
                    .readObject();
            assertEquals("instance.paused_for_review", event.getString("event"));
            assertEquals("operator", event.getString("cause"));
            assertEquals("Complaints: checking consent", event.getString("note"));
            assertEquals(0, event.getInt("risk_score"));
            assertEquals(0, event.getJsonArray("signals").size());

            // With no body at all, as curl users resume today.
            assertEquals(200, as(nodeA, token, "POST", instance + "/resume", null).status());
            assertEquals(200, nodeA.send(client, "+966501234567", "Your order #7 has shipped", "transactional").status());
            assertEquals(200, as(nodeA, token, "PATCH", instance, "{\"daily_limit\": 300}").status());

            List<String> newest = audit(nodeB, 4);
            assertEquals(List.of(
                    "alice instance.update " + client.instanceId() + " null",
                    "alice instance.resume " + client.instanceId() + " null",
                    "alice instance.pause " + client.instanceId() + " Complaints: checking consent",
                    "admin api_key.issue " + client.apiKeyId() + " null"), newest);
            assertEquals("admin operator.create alice null", audit(nodeA, 50).getLast());
            assertEquals(422, nodeA.admin("GET", "/admin/audit?limit=501", null).status());

            assertEquals(409, nodeA.admin("POST", "/admin/operators/admin/revoke", "").status(), "the built-in admin stays");
            assertEquals(200, as(nodeB, token, "GET", "/admin/operators", null).status(), "node B knows the token now");
            Response revoked = nodeA.admin("POST", "/admin/operators/" + operatorId + "/revoke", "");
            assertEquals(200, revoked.status(), revoked.body());
            long revokedAt = System.nanoTime();
            assertEquals(401, as(nodeA, token, "GET", "/admin/operators", null).status(), "the revoking node refuses at once");

            int refusal = RevocationAcrossNodesTest.untilRefused(revokedAt,
                    () -> as(nodeB, token, "GET", "/admin/operators", null).status());
            assertEquals(401, refusal);
            assertEquals("admin operator.revoke alice null", audit(nodeB, 1).getFirst());
            JsonObject listed = nodeB.admin("GET", "/admin/operators", null).json().getJsonArray("operators").getJsonObject(1);
            assertTrue(listed.containsKey("revoked_at") && !listed.isNull("revoked_at"), listed.toString());
        }
    }

    private static Response as(GatewayUnderTest node, String token, String method, String path, String body) {
        return node.call(method, path, body, body == null
                ? Map.of("Authorization", "Bearer " + token)
                : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    }

    /** "operator action target note" of the newest entries, newest first. */
    private static List<String> audit(GatewayUnderTest node, int limit) {
        Response answer = node.admin("GET", "/admin/audit?limit=" + limit, null);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("operator") + " " + e.getString("action") + " " + e.getString("target") + " "
                        + (e.isNull("note") ? "null" : e.getString("note")))
                .toList();
    }
}
