package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §3's Idempotency-Key through real HTTP on real PostgreSQL: one send per key, the first answer again. */
class IdempotencyEndToEndTest {
    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void theSameKeyTwiceAnswersTheSameBytesAndSendsOnce() {
        Client client = gateway.newClient("starter");
        Response first = send(client, "order-2041", body(client, "Your order #2041 has been shipped."));
        Response again = send(client, "order-2041", body(client, "Your order #2041 has been shipped."));

        assertEquals(200, first.status(), first.body());
        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body());
        assertEquals(1, dailyUsed(client));
    }

    @Test
    void aRefusalIsTheFirstAnswerTooAndIsGivenAgain() {
        Client client = gateway.newClient("starter");
        String marketing = "{\"instance_id\": \"" + client.instanceId()
                + "\", \"phone\": \"+966501234567\", \"message\": \"Big sale!\", \"message_purpose\": \"marketing\"}";
        Response first = send(client, "promo-1", marketing);
        Response again = send(client, "promo-1", marketing);
        assertEquals(422, first.status(), first.body());
        assertEquals("message_purpose_not_allowed", first.json().getString("error"));
        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        Client client = gateway.newClient("starter");
        assertEquals(200, send(client, "k-1", body(client, "First text")).status());

        Response reused = send(client, "k-1", body(client, "Second text"));
        assertEquals(422, reused.status(), reused.body());
        assertEquals("idempotency_key_reused", reused.json().getString("error"));
        assertEquals(1, dailyUsed(client));
    }

    @Test
    void anInvalidKeyIsAValidationError() {
        Client client = gateway.newClient("starter");
        Response invalid = send(client, "k".repeat(256), body(client, "Hello"));
        assertEquals(422, invalid.status(), invalid.body());
        assertEquals("validation_error", invalid.json().getString("error"));
        assertEquals("Idempotency-Key",
                invalid.details().getJsonArray("fields").getJsonObject(0).getString("field"));
        assertEquals(0, dailyUsed(client));
    }

    @Test
    void keysOfDifferentAccountsNeverCollide() {
        Client one = gateway.newClient("starter");
        Client other = gateway.newClient("starter");
        Response first = send(one, "shared-key", body(one, "Hello"));
        Response second = send(other, "shared-key", body(other, "Hello"));
        assertEquals(200, first.status(), first.body());
        assertEquals(200, second.status(), second.body());
        assertNotEquals(first.body(), second.body());
        assertEquals(1, dailyUsed(one));
        assertEquals(1, dailyUsed(other));
    }

    @Test
    void concurrentRequestsWithOneKeySendOnce() throws Exception {
        Client client = gateway.newClient("starter");
        String body = body(client, "Your code is 4821");
        int requests = 12;
        List<Response> responses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return send(client, "otp-1", body);
                }));
            }
            start.countDown();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
        }

        Set<String> okBodies = new HashSet<>();
        for (Response response : responses) {
            if (response.status() == 200) {
                okBodies.add(response.body());
            } else {
                assertEquals(409, response.status(), response.body());
                assertEquals("idempotency_key_in_progress", response.json().getString("error"));
            }
        }
        assertTrue(!okBodies.isEmpty(), "the winner answers 200");
        assertEquals(1, okBodies.size(), "every 200 is the first answer, byte for byte");
        assertEquals(1, dailyUsed(client));
    }

    private static String body(Client client, String message) {
        return "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"+966501234567\", \"message\": \""
                + message + "\", \"message_purpose\": \"transactional\"}";
    }

    private static Response send(Client client, String key, String body) {
        return gateway.call("POST", "/api/send-message", body, Map.of("Authorization", "Bearer " + client.apiKey(),
                "Content-Type", "application/json", "Idempotency-Key", key));
    }

    private static int dailyUsed(Client client) {
        return gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json()
                .getJsonObject("daily").getInt("used");
    }
}
