package hub.gateway.adapter.http;

import hub.gateway.application.port.in.Input;
import io.helidon.webserver.http.ServerRequest;

/** Query parameters as the use cases take them. */
final class QueryInputs {
    private QueryInputs() {
    }

    /** A query parameter's text, when present. */
    static java.util.Optional<String> text(ServerRequest req, String name) {
        return req.query().contains(name) ? java.util.Optional.of(req.query().get(name)) : java.util.Optional.empty();
    }

    /** A query parameter is text when present; absent is absent. The use case judges the rest. */
    static Input of(ServerRequest req, String name) {
        return req.query().contains(name) ? Input.text(req.query().get(name)) : Input.MISSING;
    }
}
