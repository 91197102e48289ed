package hub.gateway.application.service;

import hub.gateway.domain.message.FieldError;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset cursors of the operator's lists: the sort key of a page's last entry, tagged with its list, as base64url
 * text. Opaque to callers, not a secret (they name only what the caller just read), and checked on the way back:
 * a cursor of another list, or none at all, is a bad {@code cursor}, never a query.
 */
final class Cursors {
    static final FieldError BAD_CURSOR = new FieldError("cursor", "is not a cursor this list gave out");
    private static final String SEPARATOR = "\n";

    private Cursors() {
    }

    static String encode(String list, String... parts) {
        String text = list + SEPARATOR + String.join(SEPARATOR, parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a cursor names: empty cursor, no position; a cursor this list did not give out, or whose parts
     * {@code parse} refuses (by returning empty or throwing an IllegalArgumentException or DateTimeParseException),
     * is {@link Decoded.Bad}.
     */
    static <P> Decoded<P> decode(Optional<String> cursor, String list, int parts, Function<List<String>, Optional<P>> parse) {
        if (cursor.isEmpty() || cursor.get().isEmpty()) {
            return new Decoded.Start<>();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
            List<String> split = List.of(text.split(SEPARATOR, -1));
            if (split.size() != parts + 1 || !split.getFirst().equals(list)) {
                return new Decoded.Bad<>();
            }
            return parse.apply(split.subList(1, split.size()))
                    .<Decoded<P>>map(Decoded.After::new)
                    .orElseGet(Decoded.Bad::new);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Decoded.Bad<>();
        }
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }

    /** What a cursor named. */
    sealed interface Decoded<P> {
        record Start<P>() implements Decoded<P> {
        }

        record After<P>(P position) implements Decoded<P> {
        }

        record Bad<P>() implements Decoded<P> {
        }

        /** The position named, if any. */
        default Optional<P> at() {
            return this instanceof After<P> after ? Optional.of(after.position()) : Optional.empty();
        }
    }

    /**
     * A page from {@code limit + 1} fetched rows: the extra row only says that there is a next page, whose cursor is
     * the last shown row's key.
     */
    static <T> hub.gateway.application.port.in.Page<T> page(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new hub.gateway.application.port.in.Page<>(fetched, Optional.empty());
        }
        List<T> shown = fetched.subList(0, limit);
        return new hub.gateway.application.port.in.Page<>(shown, Optional.of(cursorOf.apply(shown.getLast())));
    }
}
