package hub.gateway.domain.account;

import hub.gateway.domain.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The lowercase hex SHA-256 of a whole bearer secret: the only form in which API keys, operator tokens and console
 * session ids are stored.
 */
public record ApiKeyHash(String hex) {
    public ApiKeyHash {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
    }

    /** Of the secret's UTF-8 bytes. */
    public static ApiKeyHash of(String secret) {
        return new ApiKeyHash(HexFormat.of().formatHex(Sha256.of(secret)));
    }

    /** Constant-time, so that timing reveals nothing about how much of a guess was right. */
    public boolean matches(ApiKeyHash other) {
        return MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}
