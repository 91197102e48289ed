package hub.gateway.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the gateway reads words in English and Arabic: Unicode-compatible forms folded (NFKC), lower case,
 * Arabic diacritics and tatweel removed, the alef forms أ إ آ ٱ unified to ا, ى to ي and ة to ه (the
 * spellings people mix freely), punctuation and emoji dropped, white space collapsed.
 */
public final class TextNormaliser {
    private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]");
    private static final Pattern ALEF_FORMS = Pattern.compile("[\\u0622\\u0623\\u0625\\u0671]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}%\\s]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextNormaliser() {
    }

    /** Case, Arabic marks and letter forms folded; punctuation kept (links and codes need it). */
    public static String fold(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String unmarked = ARABIC_MARKS.matcher(folded).replaceAll("");
        return ALEF_FORMS.matcher(unmarked).replaceAll("\u0627").replace('\u0649', '\u064A').replace('\u0629', '\u0647');
    }

    /** Folded, then reduced to words (letters, digits and '%') separated by single spaces. */
    public static String words(String text) {
        return wordsOfFolded(fold(text));
    }

    public static List<String> tokens(String text) {
        return tokensOfFolded(fold(text));
    }

    /** The words of a text already {@link #fold folded}: the send path folds each message once. */
    public static List<String> tokensOfFolded(String folded) {
        String words = wordsOfFolded(folded);
        return words.isEmpty() ? List.of() : Arrays.asList(words.split(" "));
    }

    private static String wordsOfFolded(String folded) {
        String words = NOT_WORD.matcher(folded).replaceAll(" ");
        return SPACES.matcher(words).replaceAll(" ").strip();
    }
}
