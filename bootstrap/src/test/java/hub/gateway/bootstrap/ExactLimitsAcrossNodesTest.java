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

    private static Response get(Future<Response> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
