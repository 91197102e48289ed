package hub.gateway.adapter.http;

import hub.gateway.domain.Sha256;
import hub.gateway.domain.message.FieldError;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.HexFormat;
import java.util.Optional;

/** Contract §3's optional {@code Idempotency-Key}: its syntax, and what identifies the request it comes with. */
final class IdempotencyKeyHeader {
    static final HeaderName NAME = HeaderNames.create("Idempotency-Key");
    static final int MAX_LENGTH = 255;
    static final FieldError INVALID = new FieldError(NAME.defaultCase(),
            "must be 1 to " + MAX_LENGTH + " visible ASCII characters");

    private IdempotencyKeyHeader() {
    }

    /** The header's value as sent, when there is one (valid or not). */
    static Optional<String> from(ServerRequest req) {
        return req.headers().first(NAME);
    }

    /** 1 to 255 characters from '!' to '~': no spaces, no control characters, nothing beyond ASCII. */
    static boolean isValid(String key) {
        return !key.isEmpty() && key.length() <= MAX_LENGTH && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** SHA-256 of the raw body, in hex: the same key with other bytes is another request. */
    static String requestHash(byte[] body) {
        return HexFormat.of().formatHex(Sha256.of(body));
    }
}
