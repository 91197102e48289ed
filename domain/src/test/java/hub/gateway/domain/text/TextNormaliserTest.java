package hub.gateway.domain.text;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextNormaliserTest {
    @Test
    void foldsArabicSpellingsAndCase() {
        assertEquals("الاسعار مجانيه ي", TextNormaliser.fold("الأَسْعـار مجانيّة ى"));
        assertEquals("sale 50% off", TextNormaliser.fold("SALE ５０% OFF"));
    }

    @Test
    void wordsAreRunsOfLettersDigitsAndPercent() {
        assertEquals(List.of("50%", "off", "خصم", "٣", "1", "2"), TextNormaliser.tokens("  50% OFF!! 🔥خصم—٣ ½ "),
                "½ is 1⁄2 once folded");
        assertEquals(List.of(), TextNormaliser.tokens(" 🔥 !! "));
    }

    /** The words as the regular expressions they were first written with found them. */
    @Test
    void wordsAreWhatTheRegularExpressionsFound() {
        Pattern notWord = Pattern.compile("[^\\p{L}\\p{N}%\\s]");
        Pattern spaces = Pattern.compile("\\s+");
        int[] characters = "aZ9 %\t\n.!-خصمأً٣½Ⅻ\u00A0🔥\uFE0F\uD83D\uDE00\uD83D𝐀".codePoints().toArray();
        Random random = new Random(11);
        for (int n = 0; n < 20000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.appendCodePoint(characters[random.nextInt(characters.length)]);
            }
            String folded = TextNormaliser.fold(text.toString());
            String words = spaces.matcher(notWord.matcher(folded).replaceAll(" ")).replaceAll(" ").strip();
            List<String> expected = words.isEmpty() ? List.of() : Arrays.asList(words.split(" "));
            assertEquals(expected, TextNormaliser.tokensOfFolded(folded), "'" + text + "'");
        }
    }
}
