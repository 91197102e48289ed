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
        Answer answer = ErrorAnswers.of(ErrorCatalog.METHOD_NOT_ALLOWED)
                .withHeader(HeaderNames.ALLOW.defaultCase(), allowedMethods);
        return (req, res) -> answer.writeTo(req, res);
    }

    static void notFound(ServerRequest req, ServerResponse res) {
        ErrorAnswers.of(ErrorCatalog.NOT_FOUND).writeTo(req, res);
    }
}
