package hub.gateway.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted phrases matched on normalised words, never on raw substrings: "discounted shipping label"
 * holds the word "discounted", which only a phrase written {@code discount*} matches. A phrase token
 * also matches the word with an Arabic clitic in front (و ف ب ل ك ال and their combinations: "بخصم",
 * "والعروض") and an English plural ending (s, es).
 */
public record PhraseList(List<Phrase> phrases, Map<String, List<Phrase>> byFirstWord, List<Phrase> openEnded) {
    private static final List<String> ARABIC_PREFIXES = List.of(
            "وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك");
    private static final List<String> ENGLISH_ENDINGS = List.of("es", "s");

    /**
     * Phrases are indexed by their first word, so that a message is scanned once per word instead of once
     * per phrase (the policy holds hundreds); one-word phrases with a wildcard are checked on each word.
     */
    public PhraseList(List<Phrase> phrases) {
        this(List.copyOf(phrases), index(phrases), phrases.stream().filter(PhraseList::openEnded).toList());
    }

    public PhraseList {
        phrases = List.copyOf(phrases);
    }

    private static boolean openEnded(Phrase phrase) {
        return phrase.tokens().size() == 1 && phrase.wildcardLast();
    }

    private static Map<String, List<Phrase>> index(List<Phrase> phrases) {
        Map<String, List<Phrase>> index = new HashMap<>();
        for (Phrase phrase : phrases) {
            if (!openEnded(phrase)) {
                index.computeIfAbsent(phrase.tokens().getFirst(), k -> new ArrayList<>()).add(phrase);
            }
        }
        index.replaceAll((word, list) -> List.copyOf(list));
        return Map.copyOf(index);
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
        Set<Phrase> found = new HashSet<>();
        for (int start = 0; start < words.size(); start++) {
            String word = words.get(start);
            for (String stem : stems(word)) {
                for (Phrase phrase : byFirstWord.getOrDefault(stem, List.of())) {
                    if (!found.contains(phrase) && occursAt(phrase, words, start)) {
                        found.add(phrase);
                    }
                }
            }
            for (Phrase phrase : openEnded) {
                if (!found.contains(phrase) && wordMatches(word, phrase.tokens().getFirst(), true)) {
                    found.add(phrase);
                }
            }
        }
        return found.isEmpty() ? List.of() : phrases.stream().filter(found::contains).toList();
    }

    /** The word as written, without an Arabic clitic in front, and without an English plural ending. */
    private static List<String> stems(String word) {
        List<String> stems = new ArrayList<>(4);
        stems.add(word);
        for (String prefix : ARABIC_PREFIXES) {
            if (word.length() > prefix.length() + 1 && word.startsWith(prefix)) {
                stems.add(word.substring(prefix.length()));
            }
        }
        for (String ending : ENGLISH_ENDINGS) {
            if (word.length() > ending.length() + 1 && word.endsWith(ending)) {
                stems.add(word.substring(0, word.length() - ending.length()));
            }
        }
        return stems;
    }

    private static boolean occursAt(Phrase phrase, List<String> words, int start) {
        int length = phrase.tokens().size();
        if (start + length > words.size()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            boolean last = i == length - 1;
            if (!wordMatches(words.get(start + i), phrase.tokens().get(i), last && phrase.wildcardLast())) {
                return false;
            }
        }
        return true;
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
