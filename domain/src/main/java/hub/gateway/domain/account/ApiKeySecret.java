package hub.gateway.domain.account;

import hub.gateway.domain.RandomSecrets;

import java.util.random.RandomGenerator;

/**
 * The plain text of an API key, which exists only while it is being handed to its owner or checked.
 * Only its SHA-256 hash is ever stored; the short prefix lets operators tell keys apart.
 */
public record ApiKeySecret(String value) {
    public static final String SCHEME_PREFIX = "gk_live_";
    private static final int VISIBLE_PREFIX = SCHEME_PREFIX.length() + 8;

    public ApiKeySecret {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
    }

    /** About 238 bits of entropy from the given (secure) generator. */
    public static ApiKeySecret generate(RandomGenerator random) {
        return new ApiKeySecret(RandomSecrets.generate(SCHEME_PREFIX, random));
    }

    public ApiKeyHash hash() {
        return ApiKeyHash.of(value);
    }

    public String visiblePrefix() {
        return value.length() <= VISIBLE_PREFIX ? value : value.substring(0, VISIBLE_PREFIX);
    }

    @Override
    public String toString() {
        return visiblePrefix() + "…";
    }
}
