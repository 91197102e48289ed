package hub.gateway.domain;

import java.util.random.RandomGenerator;

/** Bearer secrets (API keys, operator tokens, console session ids): a readable prefix and 40 random letters or digits. */
public final class RandomSecrets {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_CHARS = 40;

    private RandomSecrets() {
    }

    /** About 238 bits of entropy from the given (secure) generator. */
    public static String generate(String prefix, RandomGenerator random) {
        StringBuilder secret = new StringBuilder(prefix);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }
}
