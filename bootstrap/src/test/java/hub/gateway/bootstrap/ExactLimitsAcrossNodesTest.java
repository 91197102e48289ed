package hub.gateway.bootstrap;

import hub.gateway.testdb.TestDatabase;
import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Limits are exact under concurrency on any number of nodes sharing one database (contract §4). */
class ExactLimitsAcrossNodesTest {

    @Test
    void twoHundredParallelSendsOverTwoNodesAgainstADailyLimitOfFiftySendExactlyFifty() throws Exception {
        String database = TestDatabase.shared().createDatabase();
        try (GatewayUnderTest nodeA = GatewayUnderTest.on(database); GatewayUnderTest nodeB = GatewayUnderTest.on(database)) {
            Client client = nodeA.newClient("scale");
            nodeA.setLimits(client.instanceId(), "{\"daily_limit\": 50, \"per_minute_limit\": 100000}");

            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(64)) {
                for (int i = 0; i < 200; i++) {
                    GatewayUnderTest node = i % 2 == 0 ? nodeA : nodeB;
                    // Ends in 1: the sandbox fails numbers ending in 0000 on purpose.
                    String phone = String.format("+9665012%04d1", i);
                    // A text of its own per send: one text to many recipients is the duplicate-content rule's business.
                    String text = "Your order #" + (3000 + i) + " has shipped.";
                    answers.add(clients.submit(() -> {
                        go.await();
                        return node.send(client, phone, text, "transactional");
                    }));
                }
                go.countDown();
                Map<Integer, Long> byStatus = new java.util.TreeMap<>();
                for (Future<Response> answer : answers) {
                    byStatus.merge(answer.get().status(), 1L, Long::sum);
                }
                assertEquals(Map.of(200, 50L, 429, 150L), byStatus);
            }
            Map<String, Long> refusals = answers.stream().map(ExactLimitsAcrossNodesTest::get)
                    .filter(r -> r.status() == 429)
                    .collect(Collectors.groupingBy(r -> r.json().getString("error"), Collectors.counting()));
            assertEquals(Map.of("daily_message_limit_exceeded", 150L), refusals);

            Response usage = nodeB.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId());
            assertEquals(50, usage.json().getJsonObject("daily").getInt("used"));
            Response log = nodeB.get(client.apiKey(), "/api/messages?instance_id=" + client.instanceId() + "&limit=500");
            Map<String, Long> logged = log.json().getJsonArray("messages").getValuesAs(jakarta.json.JsonObject.class).stream()
                    .collect(Collectors.groupingBy(m -> m.getString("status"), Collectors.counting()));
            assertEquals(Map.of("sent", 50L, "refused", 150L), logged, "every request is in the log once");
        }
    }

    /**
     * Three nodes, 120 concurrent clients on one hot instance, each sending in a loop: every answer is 200 or the
     * daily limit's 429 — no 503 from a pool that was only busy —, exactly the limit is sent, and every request is in
     * the log once (issue 20: the hot instance's reservations of a group lock its counters once).
     */
    @Test
    void threeNodesAndOneHundredTwentyClientsOnOneInstanceSendExactlyTheLimitWithoutA5xx() throws Exception {
        String database = TestDatabase.shared().createDatabase();
        int limit = 600;
        int perClient = 6;
        try (GatewayUnderTest nodeA = GatewayUnderTest.on(database); GatewayUnderTest nodeB = GatewayUnderTest.on(database);
             GatewayUnderTest nodeC = GatewayUnderTest.on(database)) {
            Client client = nodeA.newClient("scale");
            nodeA.setLimits(client.instanceId(), "{\"daily_limit\": " + limit + ", \"per_minute_limit\": 100000}");
            List<GatewayUnderTest> nodes = List.of(nodeA, nodeB, nodeC);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Response>>> clients = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < 120; c++) {
                    GatewayUnderTest node = nodes.get(c % 3);
                    int clientNumber = c;
                    clients.add(threads.submit(() -> {
                        go.await();
                        List<Response> mine = new ArrayList<>();
                        for (int k = 0; k < perClient; k++) {
                            int n = clientNumber * perClient + k;
                            mine.add(node.send(client, String.format("+9665013%04d1", n), "Your order #" + (5000 + n)
                                    + " has shipped.", "transactional"));
                        }
                        return mine;
                    }));
                }
                go.countDown();
                Map<Integer, Long> byStatus = new java.util.TreeMap<>();
                for (Future<List<Response>> answers : clients) {
                    answers.get().forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
                }
                assertEquals(Map.of(200, (long) limit, 429, 120L * perClient - limit), byStatus);
            }
            assertEquals(limit, nodeC.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json()
                    .getJsonObject("daily").getInt("used"));
        }
    }

    private static Response get(Future<Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
