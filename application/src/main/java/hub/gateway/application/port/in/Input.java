package hub.gateway.application.port.in;

import java.math.BigDecimal;

/**
 * One field of a request as the client sent it, before any rule has looked at it. The edge translates its
 * wire format into this so that the use cases, not the edge, decide what is valid and in which order.
 */
public sealed interface Input {
    Input MISSING = new Missing();
    Input NULL = new Null();

    static Input text(String value) {
        return new Text(value);
    }

    /** The field is absent from the request. */
    record Missing() implements Input {
    }

    /** The field is present with the value null. */
    record Null() implements Input {
    }

    record Text(String value) implements Input {
    }

    record Number(BigDecimal value) implements Input {
    }

    /** A JSON object, each of its fields as the client sent it. */
    record Fields(java.util.Map<String, Input> fields) implements Input {
        public Fields {
            fields = java.util.Map.copyOf(fields);
        }

        /** The named field, {@link #MISSING} when the object has none. */
        public Input field(String name) {
            return fields.getOrDefault(name, MISSING);
        }
    }

    /** A JSON array, each item as the client sent it. */
    record Items(java.util.List<Input> items) implements Input {
        public Items {
            items = java.util.List.copyOf(items);
        }
    }

    /** Present, but neither text, a number, an object nor an array (a boolean); {@code kind} names which. */
    record Other(String kind) implements Input {
    }

    default boolean isAbsent() {
        return this instanceof Missing || this instanceof Null;
    }

    /** The text when the field holds text that is not blank. */
    default java.util.Optional<String> nonBlankText() {
        return this instanceof Text t && !t.value().isBlank() ? java.util.Optional.of(t.value()) : java.util.Optional.empty();
    }
}
