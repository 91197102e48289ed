package hub.gateway.adapter.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /observe/metrics} at the edge: the exposition's type, the gauges as the use case read them, and NaN when it cannot. */
class MetricsRoutesTest {
    private static final FakeUseCases FAKES = new FakeUseCases();
    private static final java.util.function.Supplier<hub.gateway.application.port.in.ReadOperatingGaugesUseCase.OperatingGauges>
            USUAL = FAKES.gauges.get();

    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(FAKES, "metrics-admin-token");

    @AfterEach
    void usualGauges() {
        FAKES.gauges.set(USUAL);
    }

    @Test
    void theExpositionCarriesTheGaugesAsRead() throws Exception {
        HttpResponse<String> metrics = edge.get("/observe/metrics");

        assertEquals(200, metrics.statusCode());
        assertEquals(GatewayMeters.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(metrics.body().contains("\ngateway_outbox_pending 3.0\n"), metrics.body());
        assertTrue(metrics.body().contains("\ngateway_outbox_oldest_pending_seconds 42.0\n"), metrics.body());
        assertTrue(metrics.body().contains("\ngateway_db_pool_connections{state=\"active\"} 2.0\n"), metrics.body());
        assertTrue(metrics.body().contains("\ngateway_db_pool_connections{state=\"idle\"} 4.0\n"), metrics.body());
        assertTrue(metrics.body().contains("\ngateway_db_pool_connections{state=\"pending\"} 1.0\n"), metrics.body());
        RunningEdge.assertError(edge.call("POST", "/observe/metrics", Map.of(), ""), 405, "method_not_allowed");
    }

    @Test
    void gaugesThatCannotBeReadAreNanAndTheScrapeStillAnswers() throws Exception {
        FAKES.gauges.set(() -> {
            throw new IllegalStateException("the database is gone");
        });
        HttpResponse<String> failing = edge.get("/observe/metrics");
        assertEquals(200, failing.statusCode());
        assertTrue(failing.body().contains("\ngateway_outbox_pending NaN\n"), failing.body());

        CountDownLatch never = new CountDownLatch(1);
        FAKES.gauges.set(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released");
        });
        try {
            HttpResponse<String> hanging = edge.get("/observe/metrics");
            assertEquals(200, hanging.statusCode());
            assertTrue(hanging.body().contains("\ngateway_db_pool_connections{state=\"idle\"} NaN\n"), hanging.body());
            assertTrue(hanging.body().contains("\ngateway_send_requests_total{outcome=\"sent\"} "), hanging.body());
        } finally {
            never.countDown();
        }
    }
}
