package hub.gateway.domain.text;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A word of a message and the forms a phrase token is compared with: the word as written, and without an
 * Arabic clitic in front (و ف ب ل ك ال and their combinations). A message's words are worked out once and
 * shared by every phrase of every signal, instead of stripping the clitics again in each comparison.
 *
 * @param unprefixed the word, then the word without each clitic it starts with (the rest longer than one letter)
 * @param lookupKeys the forms a phrase's exact first word is looked up by: {@code unprefixed} and the word
 *                   without an English plural ending
 */
public record WordForms(String word, List<String> unprefixed, List<String> lookupKeys) {
    // Before CLITIC_FIRST_LETTERS, which is made from them while the class initialises.
    private static final List<String> ARABIC_PREFIXES = List.of(
            "وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك");
    private static final List<String> ENGLISH_ENDINGS = List.of("es", "s");
    /** Most words start with none of these, and are not compared with each clitic. */
    private static final String CLITIC_FIRST_LETTERS = ARABIC_PREFIXES.stream()
            .map(prefix -> prefix.substring(0, 1)).distinct().collect(Collectors.joining());

    static WordForms of(String word) {
        List<String> unprefixed = new ArrayList<>(1);
        unprefixed.add(word);
        if (CLITIC_FIRST_LETTERS.indexOf(word.charAt(0)) >= 0) {
            for (String prefix : ARABIC_PREFIXES) {
                if (word.length() > prefix.length() + 1 && word.startsWith(prefix)) {
                    unprefixed.add(word.substring(prefix.length()));
                }
            }
        }
        List<String> lookupKeys = new ArrayList<>(unprefixed);
        for (String ending : ENGLISH_ENDINGS) {
            if (word.length() > ending.length() + 1 && word.endsWith(ending)) {
                lookupKeys.add(word.substring(0, word.length() - ending.length()));
            }
        }
        return new WordForms(word, unprefixed, lookupKeys);
    }

    public static List<WordForms> ofAll(List<String> words) {
        List<WordForms> forms = new ArrayList<>(words.size());
        for (String word : words) {
            forms.add(of(word));
        }
        return forms;
    }

    /**
     * Whether a phrase token matches this word: some unprefixed form equals the token or the token with an
     * English plural ending, or, for a token with a wildcard, starts with it.
     */
    boolean matches(String token, boolean wildcard) {
        for (String form : unprefixed) {
            if (form.startsWith(token) && (wildcard || isTokenOrPlural(form, token.length()))) {
                return true;
            }
        }
        return false;
    }

    /** A form that starts with the token is the token itself, or the token followed by "s" or "es". */
    private static boolean isTokenOrPlural(String form, int tokenLength) {
        int rest = form.length() - tokenLength;
        return rest == 0 || (rest <= 2 && ENGLISH_ENDINGS.contains(form.substring(tokenLength)));
    }
}
