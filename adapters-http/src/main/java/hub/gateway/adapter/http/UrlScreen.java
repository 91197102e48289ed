package hub.gateway.adapter.http;

import hub.gateway.domain.message.FieldError;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Screens the request target before anything decodes it: the path and the query must be printable ASCII whose
 * percent-escapes are complete and spell UTF-8 ({@code %}, {@code %zz}, {@code %e9} are refused with 400
 * {@code bad_request}, where Helidon would throw, or guess, later), and no query or path parameter may hold
 * U+0000 (422 {@code validation_error} naming the parameter), which PostgreSQL cannot store.
 */
final class UrlScreen {
    static final String NUL_IN_PARAMETER = "must not contain the character U+0000";
    private static final int MAX_LISTED = JsonScreen.MAX_LISTED_FIELDS;

    private UrlScreen() {
    }

    sealed interface Verdict {
        record Acceptable() implements Verdict {
        }

        /** Not a URL at all: a broken escape, invalid UTF-8, a character a URL may not hold. */
        record Malformed() implements Verdict {
        }

        record Unacceptable(List<FieldError> parameters) implements Verdict {
            public Unacceptable {
                parameters = List.copyOf(parameters);
            }
        }
    }

    /**
     * Answers a request whose target fails the screen (400 or 422) and returns false; true lets it through. Runs
     * before routing and before authentication: a URL that cannot be read is refused whoever sent it.
     */
    static boolean passes(ServerRequest req, ServerResponse res) {
        HttpPrologue prologue = req.prologue();
        return switch (inspect(prologue.uriPath().rawPath(), prologue.query().rawValue())) {
            case Verdict.Acceptable ignored -> true;
            case Verdict.Malformed ignored -> {
                ErrorAnswers.of(ErrorCatalog.BAD_REQUEST).writeTo(req, res);
                yield false;
            }
            case Verdict.Unacceptable unacceptable -> {
                ErrorAnswers.validation(unacceptable.parameters()).writeTo(req, res);
                yield false;
            }
        };
    }

    /** The raw path and the raw query, as they came on the request line. */
    static Verdict inspect(String rawPath, String rawQuery) {
        if (decode(rawPath, false).isEmpty()) {
            return new Verdict.Malformed();
        }
        List<FieldError> problems = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                Optional<String> name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
                Optional<String> value = eq < 0 ? Optional.of("") : decode(pair.substring(eq + 1), true);
                if (name.isEmpty() || value.isEmpty()) {
                    return new Verdict.Malformed();
                }
                if ((name.get().indexOf('\0') >= 0 || value.get().indexOf('\0') >= 0) && problems.size() < MAX_LISTED) {
                    problems.add(new FieldError(shown(name.get()), NUL_IN_PARAMETER));
                }
            }
        }
        return problems.isEmpty() ? new Verdict.Acceptable() : new Verdict.Unacceptable(problems);
    }

    /** The path parameters of a matched route that hold U+0000 (the path itself was screened before routing). */
    static List<FieldError> nulParameters(Parameters pathParameters) {
        List<FieldError> problems = new ArrayList<>();
        for (String name : pathParameters.names()) {
            if (pathParameters.all(name).stream().anyMatch(value -> value.indexOf('\0') >= 0) && problems.size() < MAX_LISTED) {
                problems.add(new FieldError(name, NUL_IN_PARAMETER));
            }
        }
        return problems;
    }

    /**
     * Strict percent-decoding: printable ASCII only, every {@code %} followed by two hex digits, the bytes valid
     * UTF-8. Empty when any of that fails. In a query a {@code +} is a space, as form encoding has it.
     */
    static Optional<String> decode(String raw, boolean query) {
        if (raw == null) {
            return Optional.of("");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return Optional.empty();
            }
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(query && c == '+' ? ' ' : c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A parameter's name as the answer shows it: a U+0000 in the name itself as the six characters {@code \u0000}. */
    private static String shown(String name) {
        return name.replace("\0", "\\u0000");
    }
}
