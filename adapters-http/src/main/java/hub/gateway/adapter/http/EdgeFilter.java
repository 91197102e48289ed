package hub.gateway.adapter.http;

import hub.gateway.application.port.out.StorageUnavailableException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;

/**
 * Runs around every routed request: gives it a request id, turns an escaped exception into the error
 * shape, and writes one access log line. The line carries method, path (its phone numbers masked, see
 * {@link LoggedPaths}), status, duration and request id, never headers, query strings or bodies: those hold API
 * keys, phone numbers and message text.
 * <p>
 * The same facts, and those only the routes learn ({@link AccessFacts}: route pattern, instance, outcome), go to
 * Helidon's logging MDC ({@link LogFields}) for a structured log format to write as fields; the request id and trace
 * id are there for the whole request, so that any line logged while serving it carries them.
 */
final class EdgeFilter implements Filter {
    private static final System.Logger ACCESS = System.getLogger("hub.gateway.adapter.http.access");
    private static final System.Logger ERRORS = System.getLogger("hub.gateway.adapter.http.errors");
    private static final String REQUEST_ID = "hub.gateway.request-id";

    private final GatewayMeters meters;

    /** @param meters counts the answers of the send route, which only the edge knows by error code ({@link AccessFacts}) */
    EdgeFilter(GatewayMeters meters) {
        this.meters = meters;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        String requestId = RequestIds.from(req.headers());
        // Taken now: once a service has matched, the request's path is relative to the service's prefix.
        String method = req.prologue().method().text();
        String path = LoggedPaths.of(req.prologue().uriPath().rawPath());
        req.context().register(REQUEST_ID, requestId);
        AccessFacts facts = AccessFacts.registerIn(req, method, started, meters);
        LogFields.begin(requestId, TraceParents.traceId(req.headers()));
        res.header(RequestIds.HEADER, requestId);
        try {
            if (!UrlScreen.passes(req, res)) {
                return;
            }
            chain.proceed();
        } catch (RuntimeException e) {
            // Handled here rather than only in Helidon's error handlers so that the answer keeps its request
            // id and the access line below sees the final status.
            if (res.isSent() || !res.reset()) {
                throw e;
            }
            res.header(RequestIds.HEADER, requestId);
            answerUnexpected(req, res, e, requestId);
        } finally {
            long nanos = System.nanoTime() - started;
            long millis = nanos / 1_000_000;
            int status = res.status().code();
            try {
                LogFields.access(method, facts, status, millis);
                ACCESS.log(Level.INFO, () -> method + " " + path + " " + status + " " + millis + "ms request_id=" + requestId);
            } finally {
                LogFields.end();
            }
        }
    }

    /** The error handler of last resort for what escapes the filter (an Error, a failure inside Helidon). */
    static void onError(ServerRequest req, ServerResponse res, Throwable e) {
        String requestId = req.context().get(REQUEST_ID, String.class).orElseGet(() -> RequestIds.from(req.headers()));
        res.header(RequestIds.HEADER, requestId);
        answerUnexpected(req, res, e, requestId);
    }

    private static void answerUnexpected(ServerRequest req, ServerResponse res, Throwable e, String requestId) {
        if (isStorageUnavailable(e)) {
            // Expected infrastructure trouble, told to the client (503, Retry-After). The persistence adapter logs
            // the outage once when it begins and once when it ends; a line per refused request would flood the log
            // at the very moment an operator reads it, so it is DEBUG here (the access line still shows the 503).
            ERRORS.log(Level.DEBUG, () -> "storage unavailable, request_id=" + requestId + ": " + e.getMessage());
            ErrorAnswers.of(ErrorCatalog.SERVICE_UNAVAILABLE).writeTo(req, res);
        } else {
            // The whole story stays in the server log; the client sees only the request id to quote.
            ERRORS.log(Level.ERROR, "unexpected failure, request_id=" + requestId, e);
            ErrorAnswers.of(ErrorCatalog.INTERNAL_ERROR).writeTo(req, res);
        }
    }

    private static boolean isStorageUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
