package hub.gateway.domain.risk;

import hub.gateway.domain.Sha256;
import hub.gateway.domain.account.InstanceId;

import java.nio.ByteBuffer;

/**
 * What makes two messages of one instance "the same text" for the duplicate-content rule: white space
 * collapsed and case (and Arabic letter forms) folded, then hashed together with the instance, so that the
 * text itself need not be stored.
 *
 * <p>The first 64 bits of the SHA-256 digest: stored beside every send, a number keeps that index small, and
 * two different texts of one instance within the rule's hour share it with a chance of about one in 10^19 per
 * pair. The instance is part of it so that a text many instances send ("Your order has shipped") is many
 * fingerprints, and one instance's look-up never wades through the others' sends.
 */
public record ContentFingerprint(long value) {
    /** What {@code \s} means to a regular expression: each run of it becomes one space. */
    private static final String WHITESPACE = " \t\n\u000B\f\r";

    public static ContentFingerprint of(InstanceId sender, String text) {
        return of(sender, FoldedText.of(text));
    }

    public static ContentFingerprint of(InstanceId sender, FoldedText text) {
        // An instance id has no line break, and the collapsed text none either: the two cannot run together.
        String identity = sender.value() + "\n" + spacesCollapsed(text.folded()).strip();
        return new ContentFingerprint(ByteBuffer.wrap(Sha256.of(identity)).getLong());
    }

    /** Each run of white space as one space: by hand, as a regular expression's replaceAll costs several times more. */
    private static String spacesCollapsed(String text) {
        char[] out = new char[text.length()];
        int length = 0;
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = WHITESPACE.indexOf(c) >= 0;
            if (!space) {
                out[length++] = c;
            } else if (!inSpace) {
                out[length++] = ' ';
            }
            inSpace = space;
        }
        return new String(out, 0, length);
    }
}
