package hub.gateway.domain.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted phrases matched on normalised words, never on raw substrings: "discounted shipping label"
 * holds the word "discounted", which only a phrase written {@code discount*} matches. A phrase token
 * also matches the word with an Arabic clitic in front (و ف ب ل ك ال and their combinations: "بخصم",
 * "والعروض") and an English plural ending (s, es); see {@link WordForms}.
 *
 * @param byFirstWord           the phrases by their first word, except the open-ended ones
 * @param openEndedByFirstChar  one-word phrases with a wildcard ({@code discount*}), by the first character of
 *                              their word
 */
public record PhraseList(List<Phrase> phrases, Map<String, List<Phrase>> byFirstWord,
                         Map<Character, List<Phrase>> openEndedByFirstChar) {

    /**
     * Phrases are indexed by their first word, so that a message is scanned once per word instead of once
     * per phrase (the policy holds hundreds); one-word phrases with a wildcard are indexed by their first
     * character, so that a word is compared only with those that can start it.
     */
    public PhraseList(List<Phrase> phrases) {
        this(List.copyOf(phrases), byFirstWord(phrases), openEndedByFirstChar(phrases));
    }

    public PhraseList {
        phrases = List.copyOf(phrases);
    }

    /** A one-word phrase with a wildcard ({@code discount*}): found by how a word starts. */
    static boolean isOpenEnded(Phrase phrase) {
        return phrase.tokens().size() == 1 && phrase.wildcardLast();
    }

    private static Map<String, List<Phrase>> byFirstWord(List<Phrase> phrases) {
        Map<String, List<Phrase>> index = new HashMap<>();
        for (Phrase phrase : phrases) {
            if (!isOpenEnded(phrase)) {
                index.computeIfAbsent(phrase.tokens().getFirst(), k -> new ArrayList<>()).add(phrase);
            }
        }
        return immutable(index);
    }

    private static Map<Character, List<Phrase>> openEndedByFirstChar(List<Phrase> phrases) {
        Map<Character, List<Phrase>> index = new HashMap<>();
        for (Phrase phrase : phrases) {
            if (isOpenEnded(phrase)) {
                index.computeIfAbsent(phrase.tokens().getFirst().charAt(0), k -> new ArrayList<>()).add(phrase);
            }
        }
        return immutable(index);
    }

    /** A HashMap rather than Map.copyOf: it compares hash codes before strings, and is looked up per word. */
    private static <K> Map<K, List<Phrase>> immutable(Map<K, List<Phrase>> index) {
        index.replaceAll((key, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(index);
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
        return findInForms(WordForms.ofAll(words));
    }

    /** As {@link #findIn}, for words whose forms were worked out once for all the signals. */
    public List<Phrase> findInForms(List<WordForms> words) {
        // By identity: a phrase is one object of this list, and a record's hash walks its token list.
        Set<Phrase> found = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int start = 0; start < words.size(); start++) {
            WordForms word = words.get(start);
            for (String key : word.lookupKeys()) {
                for (Phrase phrase : byFirstWord.getOrDefault(key, List.of())) {
                    if (!found.contains(phrase) && occursAt(phrase, words, start)) {
                        found.add(phrase);
                    }
                }
            }
            // A wildcard token matches a form that starts with it, so only tokens sharing its first character can.
            for (String form : word.unprefixed()) {
                for (Phrase phrase : openEndedByFirstChar.getOrDefault(form.charAt(0), List.of())) {
                    if (!found.contains(phrase) && form.startsWith(phrase.tokens().getFirst())) {
                        found.add(phrase);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        List<Phrase> inOrder = new ArrayList<>(found.size());
        for (Phrase phrase : phrases) {
            if (found.contains(phrase)) {
                inOrder.add(phrase);
            }
        }
        return inOrder;
    }

    private static boolean occursAt(Phrase phrase, List<WordForms> words, int start) {
        int length = phrase.tokens().size();
        if (start + length > words.size()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            boolean last = i == length - 1;
            if (!words.get(start + i).matches(phrase.tokens().get(i), last && phrase.wildcardLast())) {
                return false;
            }
        }
        return true;
    }

    static boolean wordMatches(String word, String token, boolean wildcard) {
        return WordForms.of(word).matches(token, wildcard);
    }
}
