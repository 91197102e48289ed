package hub.gateway.domain.risk;

import hub.gateway.domain.text.ArabiziReader;
import hub.gateway.domain.text.PhraseList;
import hub.gateway.domain.text.TextNormaliser;
import hub.gateway.domain.text.WordForms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One content signal's Arabic phrases as an Arabizi message is read: each phrase brought to the consonant skeleton
 * of its words ({@link ArabiziReader}), so that "la fatra ma7doda" finds لفترة محدودة with that phrase's weight. A
 * phrase with a word of fewer than three consonants ("اطلب الان" would be found in "talab la2n"), or of fewer than five
 * in all ("خصم", "قرض": too many everyday words share them), is left out — the learned signal reads those — and
 * phrases that come to the same skeleton ("مجانا", "مجاني*") count once.
 */
final class ArabiziPhrases {
    /** Each word of a phrase needs a skeleton of at least this many consonants: shorter ones are shared by too many. */
    private static final int SHORTEST = 3;
    /** And the phrase at least this many in all: one word of three ("خصم", "قرض") collides with everyday words. */
    private static final int SHORTEST_PHRASE = 5;
    static final ArabiziPhrases NONE = new ArabiziPhrases(new PhraseList(List.of()), Map.of());

    private final PhraseList skeletons;
    private final Map<PhraseList.Phrase, Match> written;

    private ArabiziPhrases(PhraseList skeletons, Map<PhraseList.Phrase, Match> written) {
        this.skeletons = skeletons;
        this.written = written;
    }

    /** A phrase found in Arabizi: its weight, whether it is a mention, and as evidence the Arabic phrase it read as. */
    record Match(String evidence, int weight, boolean mention) {
    }

    record Found(List<Match> matches) {
        static final Found NOTHING = new Found(List.of());
    }

    static ArabiziPhrases of(ContentSignal signal, ArabiziReader reader) {
        List<PhraseList.Phrase> phrases = new ArrayList<>();
        Map<PhraseList.Phrase, Match> written = new HashMap<>();
        add(signal.phrases(), false, reader, phrases, written);
        add(signal.mentions(), true, reader, phrases, written);
        return phrases.isEmpty() ? NONE : new ArabiziPhrases(new PhraseList(phrases), written);
    }

    private static void add(PhraseList list, boolean mention, ArabiziReader reader, List<PhraseList.Phrase> phrases,
                            Map<PhraseList.Phrase, Match> written) {
        for (PhraseList.Phrase phrase : list.phrases()) {
            if (TextNormaliser.isAscii(phrase.text())) {
                continue;
            }
            List<String> skeleton = reader.skeletonsOfArabic(phrase.tokens());
            if (skeleton.size() != phrase.tokens().size() || skeleton.stream().anyMatch(word -> word.length() < SHORTEST)
                    || String.join("", skeleton).length() < SHORTEST_PHRASE) {
                continue;
            }
            PhraseList.Phrase read = new PhraseList.Phrase(String.join(" ", skeleton), skeleton, phrase.wildcardLast(),
                    phrase.weight());
            if (written.keySet().stream().noneMatch(known -> known.text().equals(read.text()))) {
                phrases.add(read);
                written.put(read, new Match(phrase.text() + " (Arabizi)", phrase.weight(), mention));
            }
        }
    }

    Found find(List<WordForms> skeletonWords) {
        if (skeletonWords.isEmpty() || written.isEmpty()) {
            return Found.NOTHING;
        }
        List<PhraseList.Phrase> found = skeletons.findInForms(skeletonWords);
        if (found.isEmpty()) {
            return Found.NOTHING;
        }
        return new Found(found.stream().map(written::get).toList());
    }
}
