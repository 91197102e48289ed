package hub.gateway.adapter.http;

import hub.gateway.application.port.in.Input;
import io.helidon.webserver.http.ServerRequest;

/** Query parameters as the use cases take them. */
final class QueryInputs {
    private QueryInputs() {
    }

    /** A query parameter is text when present; absent is absent. The use case judges the rest. */
    static Input of(ServerRequest req, String name) {
        return req.query().contains(name) ? Input.text(req.query().get(name)) : Input.MISSING;
    }
}
