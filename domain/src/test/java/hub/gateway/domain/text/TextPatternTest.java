package hub.gateway.domain.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextPatternTest {
    @Test
    void everyShippedPatternIsTriedOnlyWhereAMatchCanStart() {
        for (TextPattern pattern : ShippedPolicy.patterns()) {
            assertTrue(pattern.skipsPositions(), pattern.toString());
        }
    }

    @Test
    void everyShippedPatternButTheEmojiClassNamesTextsOneOfWhichEachMatchContains() {
        for (TextPattern pattern : ShippedPolicy.patterns()) {
            boolean emoji = pattern.toString().startsWith("[🎁");
            assertEquals(emoji, pattern.requiredTexts().isEmpty(), pattern.toString());
        }
    }

    @Test
    void theRequiredTextsAreTheMostSelectiveTheSourceTells() {
        assertEquals(List.of("%"), TextPattern.compile("\\d+\\s?%").requiredTexts());
        assertEquals(List.of("off", "discount", "خصم"), TextPattern.compile("\\d+\\s?%\\s?(off|discount|خصم)").requiredTexts(),
                "longer texts rule out more than one character");
        assertEquals(List.of("code", "كود", "كوبون"),
                TextPattern.compile("(\\bcode|كود|كوبون)\\s*[:：]?\\s*[a-z]{2,}\\d{1,3}\\b").requiredTexts());
        assertEquals(List.of("ريال", "درهم"),
                TextPattern.compile("\\d+\\s?(ريال|درهم)\\s?فقط|بـ?\\s?\\d+\\s?(ريال|درهم)").requiredTexts(),
                "the longer texts of each branch, together");
        assertEquals(List.of("!!"), TextPattern.compile("!{2,}").requiredTexts());
        assertEquals(List.of(), TextPattern.compile("a?b*").requiredTexts(), "it can match nothing at all");
        assertEquals(List.of(), TextPattern.compile("(?i)sale").requiredTexts(), "flags are not read");
        assertEquals(List.of("خصم", "تخفيض"), TextPattern.compile("(خصم|تخفيض)\\s?\\d+").requiredTexts(),
                "not each word followed by each kind of space: fewer texts to search for");
        assertEquals(List.of(), TextPattern.compile("[🎁🔥💥🛍✨👉]").requiredTexts(),
                "many single characters: the search for a first character does the same in one pass");
    }

    @Test
    void aTextWithoutAnyRequiredTextIsNotAMatch() {
        TextPattern percentOff = TextPattern.compile("\\d+\\s?%\\s?off");
        assertNull(percentOff.firstMatch("order 1234 off the shelf"));
        assertEquals("20% off", percentOff.firstMatch("now 20% off"));
    }

    @Test
    void aClassOfEmojiFindsTheFirstOfThem() {
        TextPattern emoji = TextPattern.compile("[🎁🔥💥🛍️✨]");
        assertEquals("🔥", emoji.firstMatch("sale 😀 now 🔥 and 🎁"));
        assertEquals("\uFE0F", emoji.firstMatch("😀\uFE0F"), "the variation selector of 🛍️ is in the class too");
        assertNull(emoji.firstMatch("no emoji here, \uD83D alone"));
    }

    @Test
    void aWordBoundaryStillSeesTheCharacterBeforeTheStart() {
        TextPattern code = TextPattern.compile("\\b(code|كود)\\s*[:：]?\\s*[a-z]{2,}\\d{1,3}\\b");
        assertNull(code.firstMatch("barcode abc12"));
        assertEquals("code abc12", code.firstMatch("barcode abc12, code abc12"));
        assertEquals("code: ab1", code.firstMatch("(code: ab1)"));
        // Since Java 19 \b only knows ASCII word characters, so it never stands before an Arabic word: the
        // same here as with find().
        assertNull(code.firstMatch("كود: save10"));
    }

    @Test
    void patternsItCannotReadAreSearchedEverywhere() {
        for (String regex : List.of("(?i)sale", "a*", "x?|y", "[^a]b", ".b", "\\w+", "^a", "a$", "(?=a)a", "(a)\\1",
                "[a-]", "\\Qa\\E", "\\p{L}", "[a&&b]", "a{0,2}", "\\bb?", "(?<n>a)")) {
            assertFalse(TextPattern.compile(regex).skipsPositions(), regex);
        }
    }

    /** Random patterns in the shapes the reader understands (and some it does not) against random texts. */
    @Test
    void findsWhatFindFinds() {
        Random random = new Random(7);
        String alphabet = "ab c1%.:!-خصم🔥\uFE0F";
        int[] characters = alphabet.codePoints().toArray();
        for (int p = 0; p < 3000; p++) {
            String regex = randomRegex(random, 3);
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (RuntimeException e) {
                continue;
            }
            TextPattern textPattern = TextPattern.compile(regex);
            for (int t = 0; t < 40; t++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(16); i > 0; i--) {
                    text.appendCodePoint(characters[random.nextInt(characters.length)]);
                }
                Matcher matcher = pattern.matcher(text);
                String expected = matcher.find() ? matcher.group() : null;
                assertEquals(expected, textPattern.firstMatch(text.toString()), regex + " in '" + text + "'");
            }
        }
    }

    private static String randomRegex(Random random, int depth) {
        StringBuilder regex = new StringBuilder();
        for (int items = 1 + random.nextInt(3); items > 0; items--) {
            regex.append(switch (depth > 0 ? random.nextInt(10) : random.nextInt(6)) {
                case 0 -> "\\d";
                case 1 -> "\\s";
                case 2 -> "[" + pick(random, "a", "b-c", "\\d", ".", "1-9", "🔥", "خ", "%:") + pick(random, "", "a", "c", "\\s") + "]";
                case 3 -> "\\b";
                case 4 -> pick(random, "\\.", "\\!", "%", "-", ":");
                case 5 -> pick(random, "a", "b", "c", "1", "خ", "صم", "🔥", " ");
                case 6 -> "(" + randomRegex(random, depth - 1) + "|" + randomRegex(random, depth - 1) + ")";
                case 7 -> "(?:" + randomRegex(random, depth - 1) + ")";
                default -> "(" + randomRegex(random, depth - 1) + ")";
            });
            regex.append(pick(random, "", "", "", "?", "*", "+", "{2}", "{1,}", "{0,3}", "?+", "*?", "+?"));
        }
        return random.nextInt(8) == 0 ? regex + "|" + randomRegex(random, 0) : regex.toString();
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
