package hub.gateway.domain.risk;

import hub.gateway.domain.account.InstanceId;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ContentFingerprintTest {
    private static final InstanceId SENDER = new InstanceId("support-line");

    private static ContentFingerprint of(String text) {
        return ContentFingerprint.of(SENDER, text);
    }

    @Test
    void textsDifferingOnlyInSpacingAndCaseAreTheSame() {
        assertEquals(of("Your order  #123 has\nshipped"), of(" your ORDER #123 has shipped "));
    }

    @Test
    void arabicLetterFormsAndDiacriticsFoldTogether() {
        assertEquals(of("أهلاً بك"), of("اهلا بك"));
    }

    @Test
    void aDifferentWordOrNumberIsAnotherText() {
        assertNotEquals(of("Your order #123 has shipped"), of("Your order #124 has shipped"));
        assertNotEquals(of("Your order has shipped"), of("Your order has arrived"));
    }

    @Test
    void theSameTextOfAnotherInstanceIsAnotherFingerprint() {
        assertNotEquals(of("Your order has shipped"), ContentFingerprint.of(new InstanceId("shop-line"), "Your order has shipped"));
    }

    /** Fingerprints are stored: a change of how they are made would let a text through for the rule's hour. */
    @Test
    void isTheFirstEightBytesOfTheSha256OfTheInstanceAndTheFoldedTextWithItsSpacesCollapsed() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("support-line\nyour order #123 has shipped".getBytes(StandardCharsets.UTF_8));
        assertEquals(new ContentFingerprint(ByteBuffer.wrap(digest).getLong()), of("\t Your ORDER  #123\r\nhas shipped \n"));
    }
}
