package hub.gateway.domain.text;

import java.util.HashSet;
import java.util.Set;

/**
 * The words the content rules know (every word of every phrase, and the policy's extra list): a disguise is
 * undone, and counted as one, only where it reveals one of these. A word is known as itself, without an English
 * plural ending, or, for a phrase written with a wildcard ({@code discount*}), by how it starts.
 */
public final class Vocabulary {
    private final Set<String> words;
    private final Set<String> stems;
    private final int shortestStem;

    /** @param words folded words; {@code stems} the open-ended ones, without their {@code *} */
    public Vocabulary(Set<String> words, Set<String> stems) {
        this.words = new HashSet<>(words);
        this.stems = new HashSet<>(stems);
        this.shortestStem = stems.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
    }

    public boolean knows(String word) {
        if (word == null || word.isEmpty()) {
            return false;
        }
        if (words.contains(word) || stems.contains(word)) {
            return true;
        }
        if (word.endsWith("s") && words.contains(word.substring(0, word.length() - 1))) {
            return true;
        }
        for (int length = Math.max(shortestStem, 3); length < word.length(); length++) {
            if (stems.contains(word.substring(0, length))) {
                return true;
            }
        }
        return false;
    }
}
