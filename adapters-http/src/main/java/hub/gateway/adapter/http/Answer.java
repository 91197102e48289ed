package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonStructure;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the edge as a value: status, headers and the exact body bytes. Handlers render answers; only
 * {@link #writeTo} puts one on the wire. What an idempotent request stores is therefore what was written.
 *
 * @param headers by name, in the order they are written; Content-Type among them
 * @param body    handed over, not copied (every answer is rendered into a fresh array): nobody writes to it
 */
record Answer(int status, Map<String, String> headers, byte[] body) {
    static final String APPLICATION_JSON = "application/json";

    Answer {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static Answer json(int status, JsonStructure body) {
        return json(status, body.toString());
    }

    static Answer json(int status, String body) {
        return new Answer(status, Map.of(HeaderNames.CONTENT_TYPE.defaultCase(), APPLICATION_JSON),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer ok(JsonStructure body) {
        return json(Status.OK_200.code(), body);
    }

    static Answer text(int status, String body) {
        return new Answer(status, Map.of(HeaderNames.CONTENT_TYPE.defaultCase(), "text/plain"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with one more header (or this header replaced). */
    Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, more, body);
    }

    /** The body as the text it is (every answer of the edge is UTF-8). */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The one writer: status, headers, then the body, once; and the answer's outcome for the access line. */
    void writeTo(ServerRequest req, ServerResponse res) {
        AccessFacts.of(req).answered(this);
        res.status(Status.create(status));
        headers.forEach((name, value) -> res.header(name, value));
        res.send(body);
    }

    /** Renders an answer per request. */
    @FunctionalInterface
    interface Renderer {
        Answer answer(ServerRequest req);
    }

    /** A Helidon handler that renders, then writes. */
    static Handler handler(Renderer renderer) {
        return (req, res) -> renderer.answer(req).writeTo(req, res);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Answer other && status == other.status && headers.equals(other.headers)
                && java.util.Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Answer[" + status + ", " + headers + ", " + body.length + " bytes]";
    }
}
