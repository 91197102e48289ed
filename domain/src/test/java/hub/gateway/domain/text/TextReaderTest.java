package hub.gateway.domain.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading through disguises, with small tables of the shapes the shipped ones have (tools/risk-model writes those). */
class TextReaderTest {
    private static final Map<Integer, TextReader.LookAlike> LETTERS = Map.of(
            0x0455, new TextReader.LookAlike("s", true),   // Cyrillic ѕ
            0x0430, new TextReader.LookAlike("a", true),   // Cyrillic а
            0x0435, new TextReader.LookAlike("e", true),   // Cyrillic е
            0x03BF, new TextReader.LookAlike("o", true),   // Greek ο
            0x06A9, new TextReader.LookAlike("ك", true),   // Persian ک
            0x00F8, new TextReader.LookAlike("o", false)); // ø
    private static final Map<Character, String> LEET = Map.of('0', "o", '1', "il", '3', "e", '5', "s", '$', "s",
            '€', "e", '@', "a", '!', "i");
    private static final Vocabulary VOCABULARY = new Vocabulary(Set.of("free", "sale", "off", "discount", "loan", "price",
            "خصم", "عروض"), Set.of("discount"));
    private static final ArabiziReader ARABIZI = new ArabiziReader(Map.of(0x062E, "kh", 0x0635, "s", 0x0645, "m",
            0x0639, "ʿ", 0x0631, "r", 0x0648, "w", 0x0636, "d"), Map.of('3', "ʿ", '5', "kh", '7', "h", '2', "ʾ"),
            Set.of("el", "3ala", "yalla"));
    private final TextReader reader = new TextReader(LETTERS, LEET, VOCABULARY, ARABIZI);

    @Test
    void plainTextIsOnlyFoldedAndNothingIsCalledADisguise() {
        Reading reading = reader.read("Your Order #2041 has shipped.  Code: SAVE50");
        assertEquals("your order #2041 has shipped. code: save50", reading.plain(), "a code stays as written");
        assertEquals(List.of(), reading.disguises());
        assertFalse(reading.isArabizi());
    }

    @Test
    void leetspeakAndCurrencySymbolsAreReadWhereTheyMakeAKnownWord() {
        Reading reading = reader.read("FR€€ delivery and d1sc0unted pr!ces, $ALE today");
        assertEquals("free delivery and discounted prices, sale today", reading.plain());
        assertEquals(List.of("FR€€ → free", "d1sc0unted → discounted", "pr!ces → prices", "$ALE → sale"), reading.disguises());
    }

    @Test
    void aLetterOAmongDigitsIsAZero() {
        Reading reading = reader.read("5O% 0FF everything");
        assertEquals("50% off everything", reading.plain());
        assertTrue(reading.disguises().contains("5O → 50"), reading.disguises().toString());
        assertTrue(reading.disguises().contains("0FF → off"), reading.disguises().toString());
    }

    @Test
    void fullWidthAndStyledLettersAreUnifiedAndCalledADisguise() {
        Reading reading = reader.read("ｆｒｅｅ gift and 𝗦𝗔𝗟𝗘");
        assertEquals("free gift and sale", reading.plain());
        assertEquals(List.of("ｆｒｅｅ → free", "𝗦𝗔𝗟𝗘 → sale"), reading.disguises());
    }

    @Test
    void lookAlikeLettersOfOtherScriptsAreReadAsLatinOnes() {
        Reading reading = reader.read("Big Ѕаlе now");
        assertEquals("big sale now", reading.plain());
        assertEquals(List.of("Ѕаlе → sale"), reading.disguises());
        assertEquals("løan", reader.read("løan").plain().replace("o", "ø"), "a decorated letter is read plainly, no disguise");
        assertEquals(List.of(), reader.read("løan").disguises());
    }

    @Test
    void invisibleCharactersBetweenLettersAreRemovedAndCalledADisguise() {
        Reading reading = reader.read("fr\u200Bee of\u200Cfer");
        assertEquals("free offer", reading.plain());
        assertEquals(List.of("fr\u200Bee → free"), reading.disguises(), "offer is no word of this vocabulary");
        assertEquals(List.of(), reader.read("👨\u200D👩\u200D👧 family day").disguises(), "joiners between emoji are emoji");
    }

    @Test
    void lettersSplitBySpacesDotsOrSymbolsAreJoined() {
        assertEquals("sale today", reader.read("S.A.L.E today").plain());
        assertEquals("big sale now", reader.read("big s a l e now").plain());
        assertEquals("free gift", reader.read("F-R-€-€ gift").plain());
        assertEquals("خصم كبير", reader.read("خ ص م كبير").plain());
        assertEquals(List.of("خ ص م → خصم"), reader.read("خ ص م كبير").disguises());
        assertEquals(List.of(), reader.read("Made in K.S.A").disguises(), "joined, but no known word: no disguise");
    }

    @Test
    void persianLettersAreReadAsArabicOnes() {
        assertEquals("عروض كبيره", reader.read("عروض کبيره").plain().replace("ك", "ك"));
    }

    @Test
    void arabiziIsReadAsTheConsonantsOfTheArabicItSpells() {
        Reading reading = reader.read("yalla 5asm 3la kol el 3roud");
        assertTrue(reading.isArabizi());
        assertTrue(reading.arabiziSkeletons().contains("xsm"), reading.arabiziSkeletons().toString());
        assertTrue(reading.arabiziSkeletons().contains("3rd"), reading.arabiziSkeletons().toString());
        assertEquals(List.of("xsm"), ARABIZI.skeletonsOfArabic(List.of("خصم")));
        assertEquals(List.of("3rd"), ARABIZI.skeletonsOfArabic(List.of("عروض")));
        assertEquals(List.of(), reading.disguises(), "Arabizi is how people write, not a disguise");
        assertFalse(reader.read("Enable 2FA on your PS5 account").isArabizi(), "codes with digits are not Arabizi");
        assertFalse(reader.read("fa7s").plain().contains("fats") && reader.read("el fa7s bokra").isArabizi(),
                "a digit in an Arabizi word is a letter, not leetspeak");
    }
}
