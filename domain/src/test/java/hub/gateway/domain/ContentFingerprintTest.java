package hub.gateway.domain;

import org.junit.jupiter.api.Test;

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
}
