package hub.gateway.adapter.whatsapp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient reads of Meta's JSON: a field that is absent or of another type is simply not there, so each
 * caller decides whether that is an error. The factories are made once because looking up the JSON
 * provider is a {@code ServiceLoader} scan.
 */
final class JsonTrees {
    static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonTrees() {
    }

    /** Empty when the bytes are not one JSON value. Meta's bodies are UTF-8, which the reader detects. */
    static Optional<JsonValue> parse(byte[] body) {
        return read(() -> READERS.createReader(new ByteArrayInputStream(body)));
    }

    static Optional<JsonValue> parse(String body) {
        return read(() -> READERS.createReader(new StringReader(body)));
    }

    /**
     * The reader is created inside the try: creating it already reads (to detect the encoding) and fails on a body
     * of one byte. Parsson reports its bounds with plain RuntimeExceptions (nesting beyond 1,000 levels, a number of
     * more than 1,100 digits), so those count as "not JSON" too rather than escaping as a server error.
     */
    private static Optional<JsonValue> read(java.util.function.Supplier<JsonReader> json) {
        try (JsonReader reader = json.get()) {
            return Optional.of(reader.readValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonObject> asObject(JsonValue value) {
        return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    }

    static Optional<JsonObject> object(JsonObject parent, String key) {
        return parent.get(key) instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    }

    static Optional<JsonArray> array(JsonObject parent, String key) {
        return parent.get(key) instanceof JsonArray array ? Optional.of(array) : Optional.empty();
    }

    /** The objects of an array field; other elements are skipped, an absent field is an empty list. */
    static List<JsonObject> objects(JsonObject parent, String key) {
        return array(parent, key).stream().flatMap(List::stream)
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    static Optional<String> string(JsonObject parent, String key) {
        return parent.get(key) instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }

    /** A string or a number as text: Meta writes error codes as numbers and ids and timestamps as strings. */
    static Optional<String> text(JsonObject parent, String key) {
        JsonValue value = parent.get(key);
        if (value instanceof JsonNumber number) {
            return Optional.of(number.toString());
        }
        return string(parent, key);
    }
}
