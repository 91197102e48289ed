package hub.gateway.adapter.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Answers what Helidon refuses before routing (a malformed request line or header, an oversized header
 * block...) in the same error shape as everything else. Helidon's own message is never echoed: it may
 * quote the offending input.
 */
final class JsonDirectHandler implements DirectHandler {
    private static final System.Logger ACCESS = System.getLogger("hub.gateway.adapter.http.access");

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        // Helidon reports a request line it cannot parse (a non-ASCII method such as "GéT") as an internal error;
        // our own failures never come here (EdgeFilter answers them), so what does is the client's malformed request.
        ErrorCatalog error = eventType == EventType.INTERNAL_ERROR
                ? ErrorCatalog.BAD_REQUEST
                : ErrorCatalog.forStatus(defaultStatus.code());
        String requestId = RequestIds.from(request.headers());
        ACCESS.log(Level.INFO, "{0} {1} {2} request_id={3} (refused before routing: {4})",
                request.method(), LoggedPaths.of(request.path()), String.valueOf(error.status()), requestId, eventType);
        byte[] body = ErrorAnswers.body(error, ErrorAnswers.details(error))
                .toString().getBytes(StandardCharsets.UTF_8);
        if (error.status() == Status.SERVICE_UNAVAILABLE_503.code()) {
            // Every 503 carries Retry-After (contract §10), Helidon's own included.
            responseHeaders.set(HeaderNames.RETRY_AFTER, ErrorAnswers.UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        return TransportResponse.builder()
                .status(Status.create(error.status()))
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, Answer.APPLICATION_JSON)
                .header(RequestIds.HEADER, requestId)
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }
}
