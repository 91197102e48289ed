package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.CheckReadinessUseCase;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;

/** {@code /observe/health}: 200 once the database is migrated and reachable, 503 otherwise. */
final class HealthApi implements HttpService {
    private static final System.Logger LOG = System.getLogger(HealthApi.class.getName());
    private final CheckReadinessUseCase readiness;

    HealthApi(CheckReadinessUseCase readiness) {
        this.readiness = readiness;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .any("/health", Routes.methodNotAllowed("GET"));
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean ready;
        try {
            ready = readiness.isReady();
        } catch (RuntimeException e) {
            // A probe that throws is a probe that says "not ready"; a load balancer needs a 503, not a 500.
            LOG.log(Level.WARNING, "readiness check failed: " + e);
            ready = false;
        }
        res.status(ready ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        JsonResponses.send(res, JSON.createObjectBuilder().add("status", ready ? "UP" : "DOWN").build());
    }
}
