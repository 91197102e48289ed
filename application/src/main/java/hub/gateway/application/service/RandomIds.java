package hub.gateway.application.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers and secrets that nobody can guess. */
final class RandomIds {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    RandomIds(SecureRandom random) {
        this.random = random;
    }

    SecureRandom random() {
        return random;
    }

    /** e.g. {@code acc_k2m9x0q4w8e1r5t7} */
    String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** A Standard Webhooks signing secret: {@code whsec_} and 32 random bytes in base64. */
    String webhookSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
