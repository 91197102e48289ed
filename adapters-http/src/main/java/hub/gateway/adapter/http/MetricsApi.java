package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ReadOperatingGaugesUseCase;
import hub.gateway.application.port.in.ReadOperatingGaugesUseCase.OperatingGauges;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /observe/metrics}: the Prometheus text exposition (contract §11). Our own route, not Helidon's observe
 * feature, so that {@code /observe} has one owner (docs/design.md). The gauges are read for each scrape, within
 * {@link #GAUGE_DEADLINE}: a scrape answers 200 promptly whatever the database does, with the gauges it could not
 * read as NaN (the counters and JVM meters never need the database).
 */
final class MetricsApi implements HttpService {
    private static final System.Logger LOG = System.getLogger(MetricsApi.class.getName());
    /**
     * Longer than the pool's own wait for a connection (1 s), so that a scrape while every connection is taken still
     * gets the pool's counts (read before the backlog waits) with the backlog unknown; well inside a Prometheus
     * scrape time-out (10 s by default) and the contract's 2 s for any answer.
     */
    static final Duration GAUGE_DEADLINE = Duration.ofMillis(1_500);
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("metrics-gauges").start(task);

    private final GatewayMeters meters;
    private final ReadOperatingGaugesUseCase gauges;

    MetricsApi(GatewayMeters meters, ReadOperatingGaugesUseCase gauges) {
        this.meters = meters;
        this.gauges = gauges;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", Answer.handler(this::metrics))
                .any("/metrics", Routes.methodNotAllowed("GET"));
    }

    private Answer metrics(ServerRequest req) {
        refreshGauges();
        return new Answer(Status.OK_200.code(), Map.of(HeaderNames.CONTENT_TYPE.defaultCase(), GatewayMeters.CONTENT_TYPE),
                meters.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private void refreshGauges() {
        try {
            OperatingGauges read = CompletableFuture.supplyAsync(gauges::read, VIRTUAL_THREADS)
                    .get(GAUGE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            meters.refresh(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            meters.unknownGauges();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "metrics gauges not read in time: " + e);
            meters.unknownGauges();
        }
    }
}
