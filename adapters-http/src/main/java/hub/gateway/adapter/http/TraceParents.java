package hub.gateway.adapter.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The trace id of a W3C Trace Context {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}), so
 * that a log line can be found from a trace. Only a well-formed header counts (the specification's shape: lower-case
 * hex, version {@code ff} invalid, an all-zero id invalid); a later version may append fields after the flags.
 * Nothing else of the header is kept, and the gateway does not trace itself.
 */
final class TraceParents {
    static final HeaderName HEADER = HeaderNames.create("traceparent");
    private static final Pattern SHAPE =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    private TraceParents() {
    }

    static Optional<String> traceId(Headers headers) {
        return headers.first(HEADER).flatMap(TraceParents::traceId);
    }

    static Optional<String> traceId(String header) {
        if (header.length() > 512) {
            return Optional.empty();
        }
        var match = SHAPE.matcher(header.strip());
        if (!match.matches() || match.group(1).equals("ff") || match.group(2).equals(ZERO_TRACE)
                || match.group(3).equals(ZERO_PARENT)) {
            return Optional.empty();
        }
        // Version 00 has exactly four fields; only a later version may carry more.
        if (match.group(1).equals("00") && match.group(4) != null) {
            return Optional.empty();
        }
        return Optional.of(match.group(2));
    }
}
