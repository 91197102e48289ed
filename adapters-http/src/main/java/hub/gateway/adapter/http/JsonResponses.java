package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;

/** Writes a JSON tree as the whole answer; the status is set by the caller. */
final class JsonResponses {
    static final String APPLICATION_JSON = "application/json";

    private JsonResponses() {
    }

    static void send(ServerResponse res, JsonStructure body) {
        res.header(HeaderNames.CONTENT_TYPE, APPLICATION_JSON).send(body.toString());
    }
}
