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

    /** Present, but neither text nor a number (an object, an array, a boolean); {@code kind} names which. */
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
