package hub.gateway.domain.operator;

import hub.gateway.domain.RandomSecrets;
import hub.gateway.domain.account.ApiKeyHash;

import java.util.random.RandomGenerator;

/** The plain text of an operator's token: shown once, when the operator is created; only its hash is stored. */
public record OperatorToken(String value) {
    public static final String PREFIX = "gop_";

    public OperatorToken {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
    }

    public static OperatorToken generate(RandomGenerator random) {
        return new OperatorToken(RandomSecrets.generate(PREFIX, random));
    }

    public ApiKeyHash hash() {
        return ApiKeyHash.of(value);
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
