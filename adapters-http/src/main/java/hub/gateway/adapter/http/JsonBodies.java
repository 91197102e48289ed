package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.Input;
import hub.gateway.domain.message.FieldError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a request body as one JSON object, with a hard bound on its size, and turns its fields into
 * {@link Input}s so that the use cases, not the edge, decide what is valid.
 */
final class JsonBodies {
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Parsson's own nesting bound, set just above the screen's so that it never decides alone. */
    private static final JsonParserFactory PARSERS =
            JSON.createParserFactory(Map.of("org.eclipse.parsson.maxDepth", JsonScreen.MAX_DEPTH + 1));

    private JsonBodies() {
    }

    /** Either the object or the error to answer with. */
    sealed interface Body {
        record Parsed(JsonObject object) implements Body {
        }

        record Rejected(BodyError error) implements Body {
        }
    }

    static Body read(ServerRequest req) {
        return switch (bytes(req)) {
            case Raw.Read read -> parseObject(read.bytes())
                    .<Body>map(Body.Parsed::new)
                    .orElseGet(() -> new Body.Rejected(BodyError.of(ErrorCatalog.INVALID_JSON)));
            case Raw.Rejected rejected -> new Body.Rejected(rejected.error());
        };
    }

    /** The raw bytes of a request body, before any parsing, or the error to answer with. */
    sealed interface Raw {
        record Read(byte[] bytes) implements Raw {
        }

        record Rejected(BodyError error) implements Raw {
        }
    }

    /**
     * Why a body is refused: the error, and for a 422 the fields that no field of the gateway may hold (a U+0000, a
     * number too large), listed in {@code details.fields}.
     */
    record BodyError(ErrorCatalog error, List<FieldError> fields) {
        public BodyError {
            fields = List.copyOf(fields);
        }

        static BodyError of(ErrorCatalog error) {
            return new BodyError(error, List.of());
        }
    }

    /**
     * The body's bytes, bounded, of a JSON content type (415 and 413 otherwise), screened for what no endpoint
     * accepts (400 for nesting deeper than {@value JsonScreen#MAX_DEPTH} levels, 422 naming the fields that hold
     * U+0000 or a number too large); not yet parsed. A body that is simply not JSON is left to the caller's parse.
     */
    static Raw bytes(ServerRequest req) {
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isPresent() && !isJson(contentType.get())) {
            return new Raw.Rejected(BodyError.of(ErrorCatalog.UNSUPPORTED_MEDIA_TYPE));
        }
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BODY_BYTES) {
            return new Raw.Rejected(BodyError.of(ErrorCatalog.PAYLOAD_TOO_LARGE));
        }
        if (!req.content().hasEntity()) {
            return new Raw.Read(new byte[0]);
        }
        return switch (readBounded(req.content().inputStream(), MAX_BODY_BYTES)) {
            case Bounded.Read read -> screen(read.bytes()).<Raw>map(Raw.Rejected::new).orElseGet(() -> new Raw.Read(read.bytes()));
            case Bounded.TooLarge ignored -> new Raw.Rejected(BodyError.of(ErrorCatalog.PAYLOAD_TOO_LARGE));
            case Bounded.Unreadable ignored -> new Raw.Rejected(BodyError.of(ErrorCatalog.BAD_REQUEST));
        };
    }

    /** The refusal a hostile JSON body earns, if it is one; a body that is merely not JSON passes. */
    static Optional<BodyError> screen(byte[] bytes) {
        return switch (JsonScreen.inspect(bytes)) {
            case JsonScreen.Verdict.Acceptable ignored -> Optional.empty();
            case JsonScreen.Verdict.NotJson ignored -> Optional.empty();
            case JsonScreen.Verdict.TooDeep ignored -> Optional.of(BodyError.of(ErrorCatalog.INVALID_JSON));
            case JsonScreen.Verdict.Unacceptable unacceptable ->
                    Optional.of(new BodyError(ErrorCatalog.VALIDATION_ERROR, unacceptable.fields()));
        };
    }

    /** The answer to a rejected body: 413 with the bound, 422 with the fields, or the error as it is. */
    static Answer reject(BodyError error) {
        if (error.error() == ErrorCatalog.PAYLOAD_TOO_LARGE) {
            return ErrorAnswers.tooLarge(MAX_BODY_BYTES);
        }
        return error.fields().isEmpty() ? ErrorAnswers.of(error.error()) : ErrorAnswers.validation(error.fields());
    }

    /** The request's JSON object handed to {@code render}, or the 415/413/400 its body earns. */
    static Answer withObject(ServerRequest req, java.util.function.Function<JsonObject, Answer> render) {
        return switch (read(req)) {
            case Body.Parsed parsed -> render.apply(parsed.object());
            case Body.Rejected rejected -> reject(rejected.error());
        };
    }

    /**
     * As {@link #withObject}, for a route whose body is optional: no body at all (whatever its Content-Type, as
     * curl sends {@code -d ''}) or only white space is the empty object.
     */
    static Answer withOptionalObject(ServerRequest req, java.util.function.Function<JsonObject, Answer> render) {
        OptionalLong declared = req.headers().contentLength();
        if (!req.content().hasEntity() || declared.isPresent() && declared.getAsLong() == 0) {
            return render.apply(jakarta.json.JsonValue.EMPTY_JSON_OBJECT);
        }
        return switch (bytes(req)) {
            case Raw.Read read when new String(read.bytes(), java.nio.charset.StandardCharsets.UTF_8).isBlank() ->
                    render.apply(jakarta.json.JsonValue.EMPTY_JSON_OBJECT);
            case Raw.Read read -> parseObject(read.bytes()).map(render)
                    .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.INVALID_JSON));
            case Raw.Rejected rejected -> reject(rejected.error());
        };
    }

    /**
     * {@code application/json} or any {@code type/subtype+json}, with any parameters (charset included).
     * A missing Content-Type is accepted: many clients omit it and the body still has to be JSON.
     */
    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals(Answer.APPLICATION_JSON)) {
            return true;
        }
        int slash = mediaType.indexOf('/');
        return slash > 0 && mediaType.endsWith("+json") && mediaType.length() > slash + "+json".length() + 1;
    }

    /** A body read with a bound: its bytes, or why there are none. */
    sealed interface Bounded {
        record Read(byte[] bytes) implements Bounded {
        }

        record TooLarge() implements Bounded {
        }

        /**
         * The request's framing broke while its body was read: a chunk size that is not hexadecimal, fewer bytes than
         * its Content-Length announced, a connection gone. The client's fault (400), never the gateway's.
         */
        record Unreadable() implements Bounded {
        }
    }

    /**
     * The whole body, or {@link Bounded.TooLarge} when it is longer than {@code maxBytes}. Stops reading at the first
     * buffer past the bound, so an endless chunked body never fills the heap.
     */
    static Bounded readBounded(InputStream in, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            int total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    return new Bounded.TooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // Helidon reports broken framing with unchecked exceptions of its own (and NumberFormatException for
            // a chunk size); whichever it is, the bytes the client sent do not make a body.
            return new Bounded.Unreadable();
        }
        return new Bounded.Read(out.toByteArray());
    }

    static Optional<JsonObject> parseObject(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        // The parser decodes UTF-8 (and detects UTF-16/32) itself. It is asked explicitly for the end of
        // input after the object, because the reader API stops after one value and would accept "{} {}".
        // Bodies from the network were screened by bytes(); the parser's own depth bound is a second guard, and its
        // plain RuntimeException is caught below for the same reason.
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(bytes))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            return parser.hasNext() ? Optional.empty() : Optional.of(object);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Absent, null, text, number or something else: exactly what the client sent, judged later. */
    static Input field(JsonObject object, String name) {
        if (!object.containsKey(name)) {
            return Input.MISSING;
        }
        return input(object.get(name));
    }

    /** Objects and arrays keep their parts (a send's {@code template}); the screen has bounded how deep they go. */
    private static Input input(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> Input.NULL;
            case STRING -> Input.text(((JsonString) value).getString());
            case NUMBER -> new Input.Number(((JsonNumber) value).bigDecimalValue());
            case TRUE, FALSE -> new Input.Other("boolean");
            case OBJECT -> new Input.Fields(value.asJsonObject().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> input(entry.getValue()))));
            case ARRAY -> new Input.Items(value.asJsonArray().stream().map(JsonBodies::input).toList());
        };
    }
}
