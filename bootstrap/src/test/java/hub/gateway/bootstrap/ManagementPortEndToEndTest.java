package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GATEWAY_MANAGEMENT_PORT} (contract §11): every route of {@code /observe} answers on the management port and
 * only there; the main port answers 404 {@code not_found} in the error shape for each of them, and the management
 * port serves nothing else.
 */
class ManagementPortEndToEndTest {
    private static final List<String> OBSERVE = List.of("/observe/health", "/observe/health/live", "/observe/health/ready",
            "/observe/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.on(TestDatabase.shared().createDatabase(),
            Map.of("GATEWAY_MANAGEMENT_PORT", "0"));

    @Test
    void observeAnswersOnTheManagementPortOnly() throws Exception {
        int management = gateway.gateway().managementPort();
        assertNotEquals(gateway.gateway().port(), management);
        for (String path : OBSERVE) {
            HttpResponse<String> answer = get(management, path);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());

            Response main = gateway.call("GET", path, null, Map.of());
            assertEquals(404, main.status(), path + " on the main port: " + main.body());
            assertEquals("not_found", main.json().getString("error"));
            assertTrue(main.header("X-Request-Id").isPresent());
        }
        assertTrue(get(management, "/observe/metrics").body().contains("gateway_send_requests_total"));
    }

    @Test
    void theManagementPortServesNothingButObserve() throws Exception {
        int management = gateway.gateway().managementPort();
        for (String path : List.of("/api/usage?instance_id=x", "/openapi", "/admin/accounts/acc_x")) {
            HttpResponse<String> answer = get(management, path);
            assertEquals(404, answer.statusCode(), path + ": " + answer.body());
            assertTrue(answer.body().contains("\"not_found\""), answer.body());
        }
        assertEquals(200, gateway.call("GET", "/openapi", null, Map.of()).status(), "the main port keeps the rest");
    }

    /** Sends on the main port are counted in the metrics the management port serves: one set of meters. */
    @Test
    void theMetricsOnTheManagementPortCountTheMainPortsSends() throws Exception {
        GatewayUnderTest.Client client = gateway.newClient("starter");
        int management = gateway.gateway().managementPort();
        PrometheusText before = PrometheusText.parse(get(management, "/observe/metrics").body());
        assertEquals(200, gateway.send(client, "+966501234567", "Your order #1 has shipped.", "transactional").status());
        PrometheusText after = PrometheusText.parse(get(management, "/observe/metrics").body());
        assertEquals(Map.of("sent", 1.0), after.deltaByLabel(before, "gateway_send_requests_total", "outcome"));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
