package hub.gateway.adapter.http;

import hub.gateway.domain.Sha256;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.security.MessageDigest;
import java.util.Optional;

/** The credential of {@code Authorization: Bearer <token>}; any other scheme counts as no credential. */
final class BearerTokens {
    private static final String SCHEME = "bearer";

    private BearerTokens() {
    }

    static Optional<String> from(Headers headers) {
        return headers.first(HeaderNames.AUTHORIZATION).flatMap(BearerTokens::parse);
    }

    static Optional<String> parse(String header) {
        String value = header.strip();
        // The scheme is case-insensitive (RFC 9110 §11.1); the token is everything after the first space.
        if (value.length() <= SCHEME.length() + 1
                || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            return Optional.empty();
        }
        String token = value.substring(SCHEME.length() + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /**
     * Constant-time comparison. Both sides are hashed first so that neither the content nor the length of
     * the expected token leaks through timing.
     */
    static boolean matches(String presented, String expected) {
        return MessageDigest.isEqual(Sha256.of(presented), Sha256.of(expected));
    }

}
