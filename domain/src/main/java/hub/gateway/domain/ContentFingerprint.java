package hub.gateway.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * What makes two messages "the same text" for the duplicate-content rule: white space collapsed and
 * case (and Arabic letter forms) folded, then hashed, so that the text itself need not be stored.
 *
 * <p>The first 64 bits of the SHA-256 digest: stored beside every send, a number keeps that index small,
 * and two different texts of one instance within the rule's hour share it with a chance of about one in
 * 10^19 per pair.
 */
public record ContentFingerprint(long value) {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public static ContentFingerprint of(String text) {
        String normalised = SPACES.matcher(TextNormaliser.fold(text)).replaceAll(" ").strip();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return new ContentFingerprint(ByteBuffer.wrap(digest).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
