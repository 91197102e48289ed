package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.CheckReadinessUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.lang.System.Logger.Level;

/**
 * {@code /observe/health} and {@code /observe/health/ready}: 200 once the database is migrated and reachable, 503
 * (with {@code Retry-After}) otherwise — within a moment while the database is known to be down, within the
 * probe's few seconds when this check is the first to find it gone. {@code /observe/health/live}: 200 while the
 * process answers, without asking the database (a restart does not bring a database back).
 */
final class HealthApi implements HttpService {
    private static final System.Logger LOG = System.getLogger(HealthApi.class.getName());
    private final CheckReadinessUseCase readiness;

    HealthApi(CheckReadinessUseCase readiness) {
        this.readiness = readiness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", Answer.handler(this::health))
                .any("/health", Routes.methodNotAllowed("GET"))
                .get("/health/ready", Answer.handler(this::health))
                .any("/health/ready", Routes.methodNotAllowed("GET"))
                .get("/health/live", Answer.handler(this::live))
                .any("/health/live", Routes.methodNotAllowed("GET"));
    }

    private Answer health(ServerRequest req) {
        boolean ready;
        try {
            ready = readiness.isReady();
        } catch (RuntimeException e) {
            // A probe that throws is a probe that says "not ready"; a load balancer needs a 503, not a 500.
            LOG.log(Level.WARNING, "readiness check failed: " + e);
            ready = false;
        }
        Answer answer = Answer.json((ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503).code(),
                JSON.createObjectBuilder().add("status", ready ? "UP" : "DOWN").build());
        return ready ? answer : answer.withHeader(HeaderNames.RETRY_AFTER.defaultCase(), ErrorAnswers.UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    private Answer live(ServerRequest req) {
        return Answer.ok(JSON.createObjectBuilder().add("status", "UP").build());
    }
}
