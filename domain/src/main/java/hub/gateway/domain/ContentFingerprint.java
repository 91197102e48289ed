package hub.gateway.domain;

import java.nio.ByteBuffer;

/**
 * What makes two messages "the same text" for the duplicate-content rule: white space collapsed and
 * case (and Arabic letter forms) folded, then hashed, so that the text itself need not be stored.
 *
 * <p>The first 64 bits of the SHA-256 digest: stored beside every send, a number keeps that index small,
 * and two different texts of one instance within the rule's hour share it with a chance of about one in
 * 10^19 per pair.
 */
public record ContentFingerprint(long value) {
    /** What {@code \s} means to a regular expression: each run of it becomes one space. */
    private static final String WHITESPACE = " \t\n\u000B\f\r";

    public static ContentFingerprint of(String text) {
        return of(FoldedText.of(text));
    }

    public static ContentFingerprint of(FoldedText text) {
        String normalised = spacesCollapsed(text.folded()).strip();
        return new ContentFingerprint(ByteBuffer.wrap(Sha256.of(normalised)).getLong());
    }

    /** Each run of white space as one space: by hand, as a regular expression's replaceAll costs several times more. */
    private static String spacesCollapsed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = WHITESPACE.indexOf(c) >= 0;
            if (!space) {
                out.append(c);
            } else if (!inSpace) {
                out.append(' ');
            }
            inSpace = space;
        }
        return out.toString();
    }
}
