package hub.gateway.bootstrap;

import hub.gateway.testdb.TestDatabase;
import hub.gateway.bootstrap.GatewayUnderTest.Client;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A revoke or a pause on one node is enforced by every node within a second (contract §2). */
class RevocationAcrossNodesTest {

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinASecond() throws InterruptedException {
        String database = TestDatabase.shared().createDatabase();
        try (GatewayUnderTest nodeA = GatewayUnderTest.on(database); GatewayUnderTest nodeB = GatewayUnderTest.on(database)) {
            Client client = nodeA.newClient("starter");
            String usage = "/api/usage?instance_id=" + client.instanceId();
            assertEquals(200, nodeB.get(client.apiKey(), usage).status(), "node B has the key cached now");

            assertEquals(200, nodeA.admin("POST", "/admin/api-keys/" + client.apiKeyId() + "/revoke", "").status());
            long revokedAt = System.nanoTime();
            assertEquals(401, nodeA.get(client.apiKey(), usage).status(), "the revoking node refuses at once");
            int status;
            do {
                status = nodeB.get(client.apiKey(), usage).status();
                if (status == 200) {
                    Thread.sleep(50);
                }
            } while (status == 200 && System.nanoTime() - revokedAt < 3_000_000_000L);
            long tookMillis = (System.nanoTime() - revokedAt) / 1_000_000;
            assertEquals(401, status);
            assertEquals("revoked_api_key", nodeB.get(client.apiKey(), usage).json().getString("error"));
            // Caches expire after 900 ms; the rest of the allowance is HTTP round trips on a loaded machine.
            assertTrue(tookMillis <= 1_300, "node B refused after " + tookMillis + " ms");
        }
    }

    @Test
    void anInstancePausedOnOneNodeIsRefusedByTheOtherWithinASecond() throws InterruptedException {
        String database = TestDatabase.shared().createDatabase();
        try (GatewayUnderTest nodeA = GatewayUnderTest.on(database); GatewayUnderTest nodeB = GatewayUnderTest.on(database)) {
            Client client = nodeA.newClient("starter");
            nodeA.setLimits(client.instanceId(), "{\"per_minute_limit\": 100000, \"daily_limit\": 100000}");
            assertEquals(200, nodeB.send(client, "+966501234567", "Ticket #5 closed", "support").status());
            nodeA.admin("POST", "/admin/instances/" + client.instanceId() + "/pause", "");
            long pausedAt = System.nanoTime();
            int status;
            do {
                status = nodeB.send(client, "+966501234567", "Ticket #5 closed", "support").status();
                if (status == 200) {
                    Thread.sleep(50);
                }
            } while (status == 200 && System.nanoTime() - pausedAt < 3_000_000_000L);
            long tookMillis = (System.nanoTime() - pausedAt) / 1_000_000;
            assertEquals(423, status);
            // Caches expire after 900 ms; the rest of the allowance is HTTP round trips on a loaded machine.
            assertTrue(tookMillis <= 1_300, "node B refused after " + tookMillis + " ms");
        }
    }
}
