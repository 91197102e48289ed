package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;

import java.util.function.Consumer;

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

    /**
     * Set for the duration of a request whose answer must be stored before the client can see it (an
     * idempotent send): called with the body just before it is written, on the request's own thread.
     */
    private static final ThreadLocal<Consumer<String>> BEFORE_SEND = new ThreadLocal<>();

    static String send(ServerResponse res, String json) {
        Consumer<String> beforeSend = BEFORE_SEND.get();
        if (beforeSend != null) {
            beforeSend.accept(json);
        }
        res.header(HeaderNames.CONTENT_TYPE, APPLICATION_JSON).send(json);
        return json;
    }

    /** Runs {@code answering}; whatever JSON it sends is first handed to {@code beforeSend}. */
    static void storingFirst(Consumer<String> beforeSend, Runnable answering) {
        BEFORE_SEND.set(beforeSend);
        try {
            answering.run();
        } finally {
            BEFORE_SEND.remove();
        }
    }
}
