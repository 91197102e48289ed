package hub.gateway.domain.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumberTest {
    @ParameterizedTest
    @ValueSource(strings = {"+966501234567", "+966 50 123 4567", "+966-50-123-4567", "+966.50.123.4567", "+966 (50) 123 4567"})
    void spellingsOfOneNumberAreOneRecipient(String spelling) {
        assertEquals("+966501234567", PhoneNumber.parse(spelling).orElseThrow().e164());
    }

    @ParameterizedTest
    @ValueSource(strings = {"966501234567", "+0966501234567", "+96650abc4567", "+1234567", "+1234567890123456", "", "+"})
    void anythingElseIsNotAnInternationalNumber(String raw) {
        assertFalse(PhoneNumber.parse(raw).isPresent());
    }

    @Test
    void logsSeeOnlyAMaskedNumber() {
        PhoneNumber number = PhoneNumber.parse("+966501234567").orElseThrow();
        assertEquals("+966*******67", number.masked());
        assertEquals(number.masked(), number.toString());
        assertTrue(number.masked().length() == number.e164().length());
    }
}
