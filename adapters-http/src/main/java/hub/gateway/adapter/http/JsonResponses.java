package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;

/**
 * Writes a JSON tree as the whole answer; the status is set by the caller. Returns the text sent, so that an
 * idempotent request can give the same bytes again.
 */
final class JsonResponses {
    static final String APPLICATION_JSON = "application/json";

    private JsonResponses() {
    }

    static String send(ServerResponse res, JsonStructure body) {
        return send(res, body.toString());
    }

    static String send(ServerResponse res, String json) {
        res.header(HeaderNames.CONTENT_TYPE, APPLICATION_JSON).send(json);
        return json;
    }
}
