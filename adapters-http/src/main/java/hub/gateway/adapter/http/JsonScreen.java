package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.domain.message.FieldError;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Screens a JSON body for what no field of the gateway can hold, in one streaming pass over the parser's events
 * and before any tree is built: nesting deeper than {@value #MAX_DEPTH} levels, a string (or a field name) holding
 * U+0000, which PostgreSQL cannot store, and a number too large for any field, whose conversion could cost
 * unbounded time or fail inside the JSON library. One rule for every body of every endpoint, so that no field
 * needs its own patch.
 * <p>
 * The screen judges hostility, not grammar: a body that is simply not JSON is {@link Verdict.NotJson}, and each
 * endpoint answers that as it always has (the client API with 400 {@code invalid_json}, a provider webhook by its
 * signature first).
 */
final class JsonScreen {
    /** The deepest nesting a body may have; the top-level object is level 1. */
    static final int MAX_DEPTH = 32;
    /** Digits before the decimal point: beyond any count or limit the gateway keeps, yet exact as a double. */
    static final int MAX_WHOLE_DIGITS = 15;
    /** Digits after the decimal point, as written (an exponent moves them). */
    static final int MAX_DECIMAL_PLACES = 20;
    /**
     * No literal that satisfies the two bounds above needs more characters, since JSON forbids leading zeros; a
     * longer one is refused without being converted at all.
     */
    static final int MAX_NUMBER_CHARS = 64;
    /** A body full of NULs is answered with the first ones; the answer stays small. */
    static final int MAX_LISTED_FIELDS = 20;

    static final String NUL_IN_VALUE = "must not contain the character U+0000";
    static final String NUL_IN_NAME = "field names must not contain the character U+0000";
    static final String NUMBER_TOO_LARGE = "must be a number of at most " + MAX_WHOLE_DIGITS
            + " digits before and " + MAX_DECIMAL_PLACES + " after the decimal point";

    private JsonScreen() {
    }

    sealed interface Verdict {
        /** Nothing hostile (it may still be the wrong shape for the endpoint). */
        record Acceptable() implements Verdict {
        }

        /** Not one well-formed JSON text; judged by the endpoint, not here. */
        record NotJson() implements Verdict {
        }

        record TooDeep() implements Verdict {
        }

        /** Well-formed, but some fields hold what the gateway refuses to store or convert. */
        record Unacceptable(List<FieldError> fields) implements Verdict {
            public Unacceptable {
                fields = List.copyOf(fields);
            }
        }
    }

    static Verdict inspect(byte[] bytes) {
        if (bytes.length == 0) {
            return new Verdict.NotJson();
        }
        List<FieldError> problems = new ArrayList<>();
        Deque<Frame> path = new ArrayDeque<>();
        // The parser decodes UTF-8 (and detects UTF-16/32) itself; its own depth bound (1,000) is never reached
        // because this loop stops at MAX_DEPTH + 1.
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(bytes))) {
            boolean seenValue = false;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (path.isEmpty() && seenValue) {
                    return new Verdict.NotJson(); // a second top-level value; the parser would refuse it anyway
                }
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (path.size() == MAX_DEPTH) {
                            return new Verdict.TooDeep();
                        }
                        valueArrives(path);
                        path.push(new Frame(event == JsonParser.Event.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> path.pop();
                    case KEY_NAME -> {
                        String name = parser.getString();
                        path.peek().name = name;
                        if (name.indexOf('\0') >= 0) {
                            note(problems, path, NUL_IN_NAME);
                        }
                    }
                    case VALUE_STRING -> {
                        valueArrives(path);
                        if (parser.getString().indexOf('\0') >= 0) {
                            note(problems, path, NUL_IN_VALUE);
                        }
                    }
                    case VALUE_NUMBER -> {
                        valueArrives(path);
                        // The literal as written: asking the parser for a BigDecimal first is what failed before.
                        if (!isModestNumber(parser.getString())) {
                            note(problems, path, NUMBER_TOO_LARGE);
                        }
                    }
                    case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> valueArrives(path);
                }
                if (path.isEmpty()) {
                    seenValue = true;
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return new Verdict.NotJson();
        }
        return problems.isEmpty() ? new Verdict.Acceptable() : new Verdict.Unacceptable(problems);
    }

    /**
     * True when the literal is short and its value has at most {@value #MAX_WHOLE_DIGITS} whole digits and
     * {@value #MAX_DECIMAL_PLACES} decimal places, so that every later conversion ({@code intValueExact},
     * {@code setScale}, comparisons) is cheap. {@code 1e99999} and {@code 1e-99999} are short but fail the bounds.
     */
    static boolean isModestNumber(String literal) {
        if (literal.length() > MAX_NUMBER_CHARS) {
            return false;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            return false; // an exponent beyond the int range
        }
        if (value.signum() == 0) {
            // 0e999999999 is zero, but its scale would make later arithmetic as slow as a huge number.
            return value.scale() <= MAX_DECIMAL_PLACES && value.scale() >= -MAX_WHOLE_DIGITS;
        }
        long wholeDigits = (long) value.precision() - value.scale();
        return wholeDigits <= MAX_WHOLE_DIGITS && value.scale() <= MAX_DECIMAL_PLACES;
    }

    private static void valueArrives(Deque<Frame> path) {
        Frame parent = path.peek();
        if (parent != null && parent.array) {
            parent.index++;
        }
    }

    private static void note(List<FieldError> problems, Deque<Frame> path, String reason) {
        if (problems.size() < MAX_LISTED_FIELDS) {
            problems.add(new FieldError(name(path), reason));
        }
    }

    /** {@code name}, {@code a.b[2]}; a U+0000 in a name is shown as the six characters {@code \u0000}. */
    static String name(Deque<Frame> path) {
        StringBuilder name = new StringBuilder();
        var frames = path.descendingIterator();
        while (frames.hasNext()) {
            Frame frame = frames.next();
            if (frame.array) {
                name.append('[').append(Math.max(frame.index, 0)).append(']');
            } else if (frame.name != null) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(frame.name.replace("\0", "\\u0000"));
            }
        }
        return name.isEmpty() ? "(body)" : name.toString();
    }

    /** Where the parser is inside one object or array: the current field name, or the current element's index. */
    private static final class Frame {
        final boolean array;
        String name;
        int index = -1;

        Frame(boolean array) {
            this.array = array;
        }
    }
}
