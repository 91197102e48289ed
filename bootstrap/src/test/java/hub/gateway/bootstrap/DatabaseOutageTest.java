package hub.gateway.bootstrap;

import hub.gateway.testdb.TestDatabase;
import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the database gone the gateway answers 503 quickly, in the error shape, and never hangs. */
class DatabaseOutageTest {

    @Test
    void healthAndSendsAnswer503WhileTheDatabaseIsUnreachable() {
        TestDatabase db = TestDatabase.shared();
        String database = db.createDatabase();
        URI target = URI.create(database.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            String viaProxy = database.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port());
            try (GatewayUnderTest gateway = GatewayUnderTest.on(viaProxy)) {
                Client client = gateway.newClient("starter");
                assertEquals(200, gateway.call("GET", "/observe/health", null, Map.of()).status());

                proxy.cut();
                // Past the caches' one second, so that every look-up must reach the database.
                sleep(1_200);
                long started = System.nanoTime();
                Response health = gateway.call("GET", "/observe/health", null, Map.of());
                Response send = gateway.send(client, "+966501234567", "Your order #9 has shipped.", "transactional");
                long tookMillis = (System.nanoTime() - started) / 1_000_000;

                assertEquals(503, health.status());
                SendMessageEndToEndTest.assertShape(send, 503, "service_unavailable");
                assertTrue(tookMillis < 15_000, "answered in " + tookMillis + " ms");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
