package hub.gateway.domain.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhraseStartsTest {
    private final List<PhraseList> lists = ShippedPolicy.phraseLists();
    private final PhraseStarts starts = new PhraseStarts(lists);

    private boolean mayStart(String text) {
        return starts.anyMayStart(WordForms.ofAll(TextNormaliser.tokens(text)));
    }

    /** The filter may say "maybe" wrongly, never "no" wrongly: every phrase the lists find gets through. */
    @Test
    void everyShippedPhraseGetsThroughAsWrittenWithAClitcOrAnEnding() {
        for (PhraseList list : lists) {
            for (PhraseList.Phrase phrase : list.phrases()) {
                String written = String.join(" ", phrase.tokens()) + (phrase.wildcardLast() ? "ing" : "");
                for (String text : List.of(written, "و" + written, written + "s", "Hello. " + written.toUpperCase())) {
                    if (!list.findIn(TextNormaliser.tokens(text)).isEmpty()) {
                        assertTrue(mayStart(text), text);
                    }
                }
            }
        }
    }

    @Test
    void aTransactionalMessageHasNoWordThatStartsAPhrase() {
        assertFalse(mayStart("Your order #1234567 has been shipped. Track it at https://shop.example.com/orders/2041"));
        assertFalse(mayStart("تم شحن طلبك رقم 1234567 وسيصل خلال يومين"));
    }

    @Test
    void openEndedWordsGetThroughByHowTheyStart() {
        assertTrue(mayStart("all items discounted today"));
        assertTrue(mayStart("بالمجانيات"));
    }
}
