package hub.gateway.adapter.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id that ties an answer to its log line. The caller's own is kept when it is sane, so that a client
 * can correlate; anything else (too long, odd characters that could forge log lines) is replaced.
 */
final class RequestIds {
    static final HeaderName HEADER = HeaderNames.create("X-Request-Id");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    static String from(Headers headers) {
        return headers.first(HEADER).filter(id -> SANE.matcher(id).matches())
                .orElseGet(RequestIds::generate);
    }

    /** Unique enough to correlate, and cheap: a request id is no secret, so no SecureRandom lock per request. */
    private static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
