package hub.gateway.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The lowercase hex SHA-256 of a whole API key: the only form in which keys are stored. */
public record ApiKeyHash(String hex) {
    public ApiKeyHash {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
    }

    /** Constant-time, so that timing reveals nothing about how much of a guess was right. */
    public boolean matches(ApiKeyHash other) {
        return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}
