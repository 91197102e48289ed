package hub.gateway.domain.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhraseListTest {
    private final PhraseList phrases = new PhraseList(List.of(
            PhraseList.Phrase.of("discount*", 30),
            PhraseList.Phrase.of("مجاني*", 20),
            PhraseList.Phrase.of("deal*", 25),
            PhraseList.Phrase.of("خصم", 25),
            PhraseList.Phrase.of("لا تفوت", 50),
            PhraseList.Phrase.of("free gift*", 50)));

    private List<String> found(String text) {
        return phrases.findIn(TextNormaliser.tokens(text)).stream().map(PhraseList.Phrase::text).toList();
    }

    @Test
    void anOpenEndedPhraseMatchesAnyEndingBehindAClitic() {
        assertEquals(List.of("discount*"), found("discounted labels"));
        assertEquals(List.of("discount*"), found("Discounts"));
        assertEquals(List.of("مجاني*"), found("والمجانيه"), "و + ال in front, an ending behind");
        assertEquals(List.of("مجاني*"), found("بالمجانيات"));
        assertEquals(List.of("deal*"), found("dealers"));
    }

    @Test
    void anOpenEndedPhraseIsNeverFoundInsideAWord() {
        assertEquals(List.of(), found("ideal adeal"));
        assertEquals(List.of(), found("nodiscount"));
        assertEquals(List.of(), found("ومجان"), "shorter than the phrase");
    }

    @Test
    void anExactWordMatchesWithAClitic() {
        assertEquals(List.of("خصم"), found("بخصم كبير"));
        assertEquals(List.of(), found("خصمكم"), "an ending other than a plural is another word");
        assertEquals(List.of("لا تفوت"), found("ولا تفوت الفرصه"));
    }

    @Test
    void theLastWordOfAPhraseMayBeOpenEndedAndPlural() {
        assertEquals(List.of("free gift*"), found("free giftcards"));
        assertEquals(List.of("free gift*"), found("FREE GIFTS"));
        assertEquals(List.of(), found("gift free"));
    }

    @Test
    void phrasesAreListedOnceInTheirOrder() {
        assertEquals(List.of("discount*", "deal*", "خصم"), found("خصم deals, discount, deal خصم discounts"));
    }

    @Test
    void aWordMatchesATokenAsWrittenWithoutACliticOrWithAPluralEnding() {
        assertTrue(PhraseList.wordMatches("والعروض", "عروض", false));
        assertTrue(PhraseList.wordMatches("offers", "offer", false));
        assertTrue(PhraseList.wordMatches("boxes", "box", false));
        assertFalse(PhraseList.wordMatches("offered", "offer", false));
        assertTrue(PhraseList.wordMatches("offered", "offer", true));
        assertFalse(PhraseList.wordMatches("وع", "ع", true), "what follows a clitic is longer than one letter");
    }
}
