package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The answers for paths nobody serves and for known paths asked with the wrong method. */
final class Routes {
    private Routes() {
    }

    /** Registered after a path's real routes: whatever method reaches it is not one of theirs. */
    static Handler methodNotAllowed(String allowedMethods) {
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allowedMethods);
            ErrorResponses.send(res, ErrorCatalog.METHOD_NOT_ALLOWED);
        };
    }

    static void notFound(ServerRequest req, ServerResponse res) {
        ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
    }
}
