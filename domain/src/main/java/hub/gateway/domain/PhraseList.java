package hub.gateway.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Weighted phrases matched on normalised words, never on raw substrings: "discounted shipping label"
 * holds the word "discounted", which only a phrase written {@code discount*} matches. A phrase token
 * also matches the word with an Arabic clitic in front (و ف ب ل ك ال and their combinations: "بخصم",
 * "والعروض") and an English plural ending (s, es).
 */
public record PhraseList(List<Phrase> phrases) {
    private static final List<String> ARABIC_PREFIXES = List.of(
            "وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك");
    private static final Set<String> ENGLISH_ENDINGS = Set.of("s", "es");

    public PhraseList {
        phrases = List.copyOf(phrases);
    }

    /** @param text e.g. {@code limited time}, {@code discount*}, {@code خصم} */
    public record Phrase(String text, List<String> tokens, boolean wildcardLast, int weight) {
        public Phrase {
            tokens = List.copyOf(tokens);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("an empty phrase matches nothing");
            }
        }

        public static Phrase of(String written, int weight) {
            String trimmed = written.strip();
            boolean wildcard = trimmed.endsWith("*");
            List<String> tokens = TextNormaliser.tokens(wildcard ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            return new Phrase(trimmed, tokens, wildcard, weight);
        }
    }

    /** The distinct phrases found in the words, in the order they are listed. */
    public List<Phrase> findIn(List<String> words) {
        List<Phrase> found = new ArrayList<>();
        for (Phrase phrase : phrases) {
            if (occurs(phrase, words)) {
                found.add(phrase);
            }
        }
        return found;
    }

    private static boolean occurs(Phrase phrase, List<String> words) {
        int length = phrase.tokens().size();
        for (int start = 0; start + length <= words.size(); start++) {
            boolean all = true;
            for (int i = 0; i < length && all; i++) {
                boolean last = i == length - 1;
                all = wordMatches(words.get(start + i), phrase.tokens().get(i), last && phrase.wildcardLast());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    static boolean wordMatches(String word, String token, boolean wildcard) {
        if (matchesStem(word, token, wildcard)) {
            return true;
        }
        for (String prefix : ARABIC_PREFIXES) {
            if (word.length() > prefix.length() + 1 && word.startsWith(prefix)
                    && matchesStem(word.substring(prefix.length()), token, wildcard)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesStem(String word, String token, boolean wildcard) {
        if (wildcard ? word.startsWith(token) : word.equals(token)) {
            return true;
        }
        return word.startsWith(token) && ENGLISH_ENDINGS.contains(word.substring(token.length()));
    }
}
