package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The body of a console form ({@code application/x-www-form-urlencoded}, as every {@code <form method="post">} sends
 * it), bounded like a JSON body. A form posted from another site is refused before it is read: the browser says so
 * in {@code Sec-Fetch-Site}, and the session cookie ({@code SameSite=Strict}) would not have come with it anyway;
 * this covers the sign-in form too, which has no session and so no CSRF token yet.
 */
final class ConsoleForms {
    private static final String FORM = "application/x-www-form-urlencoded";

    private ConsoleForms() {
    }

    sealed interface Form {
        /** The fields; a field sent twice keeps its first value. */
        record Read(Map<String, String> fields) implements Form {
            public Read {
                fields = Map.copyOf(fields);
            }

            String field(String name) {
                return fields.getOrDefault(name, "");
            }
        }

        record Refused(Answer answer) implements Form {
        }
    }

    static Form read(ServerRequest req) {
        if (req.headers().first(HeaderNames.create("Sec-Fetch-Site")).filter("cross-site"::equalsIgnoreCase).isPresent()) {
            return new Form.Refused(ConsoleHtml.forbidden("A form of another site cannot change anything here."));
        }
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isEmpty() || !contentType.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(FORM)) {
            return new Form.Refused(ConsoleHtml.problem(Status.UNSUPPORTED_MEDIA_TYPE_415.code(), "Not a form",
                    "The console takes the forms of its own pages (" + FORM + ")."));
        }
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > JsonBodies.MAX_BODY_BYTES) {
            return tooLarge();
        }
        if (!req.content().hasEntity()) {
            return new Form.Read(Map.of());
        }
        return switch (JsonBodies.readBounded(req.content().inputStream(), JsonBodies.MAX_BODY_BYTES)) {
            case JsonBodies.Bounded.Read read -> parse(new String(read.bytes(), StandardCharsets.UTF_8));
            case JsonBodies.Bounded.TooLarge ignored -> tooLarge();
            case JsonBodies.Bounded.Unreadable ignored -> badForm();
        };
    }

    static Form parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                    return badForm();
                }
                fields.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            // A '%' not followed by two hexadecimal digits.
            return badForm();
        }
        return new Form.Read(fields);
    }

    private static Form tooLarge() {
        return new Form.Refused(ConsoleHtml.problem(Status.REQUEST_ENTITY_TOO_LARGE_413.code(), "Too large",
                "A console form is at most " + JsonBodies.MAX_BODY_BYTES + " bytes."));
    }

    private static Form badForm() {
        return new Form.Refused(ConsoleHtml.problem(Status.BAD_REQUEST_400.code(), "Not a form",
                "The form's fields could not be read."));
    }
}
