package hub.gateway.domain.suppression;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptOutKeywordsTest {
    private final OptOutKeywords keywords = OptOutKeywords.DEFAULTS;

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "  Stop!  ", "STOP.", "🛑 STOP 🛑", "Unsubscribe", "opt-out", "OPT OUT", "optout",
            "stop promotions", "Stop   Promotions!!", "QUIT", "end", "ＳＴＯＰ"})
    void englishOptOutsAreRecognisedWhole(String text) {
        assertEquals(InboundIntent.OPT_OUT, keywords.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"إيقاف", "ايقاف", "إِيقَاف", "إيـــقاف", "توقف", "إلغاء", "الغاء", "إلغاء الاشتراك", "الغاء الاشتراك",
            "إيقاف الرسائل", "ايقاف العروض", "لا تراسلني", "لا تراسلني!", "  إيقاف.  "})
    void arabicOptOutsAreRecognisedWithAnySpellingOfTheAlefAndWithoutDiacritics(String text) {
        assertEquals(InboundIntent.OPT_OUT, keywords.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"please stop the late deliveries", "stop it", "don't stop", "STOP2", "yes", "no", "",
            "من فضلك إيقاف التأخير", "when will you stop?"})
    void sentencesThatMerelyContainAKeywordAreNot(String text) {
        assertEquals(InboundIntent.NONE, keywords.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "start", "Unstop", "ابدأ", "ابدا", "استئناف", "اشتراك"})
    void optInsAreRecognised(String text) {
        assertEquals(InboundIntent.OPT_IN, keywords.classify(text));
    }

    @Test
    void yesIsDeliberatelyNotAnOptIn() {
        assertEquals(InboundIntent.NONE, keywords.classify("YES"));
    }

    @Test
    void listsComeFromConfiguration() {
        OptOutKeywords custom = OptOutKeywords.of(List.of("HALT"), List.of("GO"));
        assertEquals(InboundIntent.OPT_OUT, custom.classify("halt!"));
        assertEquals(InboundIntent.NONE, custom.classify("STOP"));
        assertEquals(InboundIntent.OPT_IN, custom.classify("Go"));
        assertThrows(IllegalArgumentException.class, () -> OptOutKeywords.of(List.of("STOP"), List.of("stop")));
    }
}
