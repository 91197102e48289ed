package hub.gateway.adapter.http;

import io.helidon.logging.common.HelidonMdc;

import java.util.List;
import java.util.Optional;

/**
 * The request's fields in Helidon's logging MDC, under the names the JSON log format writes (contract §11):
 * {@code request_id} and {@code trace_id} while the request is served, and {@code method}, {@code route},
 * {@code status}, {@code duration_ms}, {@code instance_id}, {@code outcome} for its access line. Every value here is
 * one the gateway made or checked (a sane request id, a hex trace id, a route pattern, a well-formed instance id, an
 * error code): no raw path, header or body reaches the MDC. The MDC is per thread, and a request is served on one
 * thread from filter to answer, so {@link #end()} leaves the thread clean for its next request.
 */
final class LogFields {
    static final String REQUEST_ID = "request_id";
    static final String TRACE_ID = "trace_id";
    static final String METHOD = "method";
    static final String ROUTE = "route";
    static final String STATUS = "status";
    static final String DURATION_MS = "duration_ms";
    static final String INSTANCE_ID = "instance_id";
    static final String OUTCOME = "outcome";
    private static final List<String> ALL =
            List.of(REQUEST_ID, TRACE_ID, METHOD, ROUTE, STATUS, DURATION_MS, INSTANCE_ID, OUTCOME);

    private LogFields() {
    }

    static void begin(String requestId, Optional<String> traceId) {
        HelidonMdc.set(REQUEST_ID, requestId);
        traceId.ifPresent(id -> HelidonMdc.set(TRACE_ID, id));
    }

    static void access(String method, AccessFacts facts, int status, long millis) {
        HelidonMdc.set(METHOD, method);
        facts.route().ifPresent(route -> HelidonMdc.set(ROUTE, route));
        HelidonMdc.set(STATUS, Integer.toString(status));
        HelidonMdc.set(DURATION_MS, Long.toString(millis));
        facts.instanceId().ifPresent(id -> HelidonMdc.set(INSTANCE_ID, id));
        facts.outcome().ifPresent(outcome -> HelidonMdc.set(OUTCOME, outcome));
    }

    static void end() {
        ALL.forEach(HelidonMdc::remove);
    }
}
