package hub.gateway.domain;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ContentFingerprintTest {
    @Test
    void textsDifferingOnlyInSpacingAndCaseAreTheSame() {
        assertEquals(ContentFingerprint.of("Your order  #123 has\nshipped"), ContentFingerprint.of(" your ORDER #123 has shipped "));
    }

    @Test
    void arabicLetterFormsAndDiacriticsFoldTogether() {
        assertEquals(ContentFingerprint.of("أهلاً بك"), ContentFingerprint.of("اهلا بك"));
    }

    @Test
    void aDifferentWordOrNumberIsAnotherText() {
        assertNotEquals(ContentFingerprint.of("Your order #123 has shipped"), ContentFingerprint.of("Your order #124 has shipped"));
        assertNotEquals(ContentFingerprint.of("Your order has shipped"), ContentFingerprint.of("Your order has arrived"));
    }

    /** Fingerprints are stored: a change of how they are made would let a text through for the rule's hour. */
    @Test
    void isTheFirstEightBytesOfTheSha256OfTheFoldedTextWithItsSpacesCollapsed() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("your order #123 has shipped".getBytes(StandardCharsets.UTF_8));
        assertEquals(new ContentFingerprint(ByteBuffer.wrap(digest).getLong()),
                ContentFingerprint.of("\t Your ORDER  #123\r\nhas shipped \n"));
    }
}
