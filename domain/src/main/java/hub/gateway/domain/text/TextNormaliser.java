package hub.gateway.domain.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the gateway reads words in English and Arabic: Unicode-compatible forms folded (NFKC), lower case,
 * Arabic diacritics and tatweel removed, the alef forms أ إ آ ٱ unified to ا, ى to ي and ة to ه (the
 * spellings people mix freely), punctuation and emoji dropped, white space collapsed.
 */
public final class TextNormaliser {
    private TextNormaliser() {
    }

    /** Case, Arabic marks and letter forms folded; punctuation kept (links and codes need it). */
    public static String fold(String text) {
        // NFKC leaves ASCII as it is, and most messages are ASCII: its cost is skipped for them.
        String normalised = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
        String folded = normalised.toLowerCase(Locale.ROOT);
        if (!hasArabicToFold(folded)) {
            return folded;
        }
        // One pass over the characters: the send path folds every message.
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (!isArabicMark(c)) {
                out.append(arabicLetterForm(c));
            }
        }
        return out.toString();
    }

    public static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether a lower-cased text holds a letter a to z. */
    static boolean hasLowerLatinLetter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return true;
            }
        }
        return false;
    }

    /** Every character {@link #fold} removes or replaces lies between U+0622 and U+0671. */
    private static boolean hasArabicToFold(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u0622' && c <= '\u0671') {
                return true;
            }
        }
        return false;
    }

    /** Diacritics (U+064B–U+065F, the dagger alef U+0670) and tatweel (U+0640). */
    private static boolean isArabicMark(char c) {
        return (c >= '\u064B' && c <= '\u065F') || c == '\u0670' || c == '\u0640';
    }

    /** أ إ آ ٱ become ا, ى becomes ي, ة becomes ه. */
    private static char arabicLetterForm(char c) {
        return switch (c) {
            case '\u0622', '\u0623', '\u0625', '\u0671' -> '\u0627';
            case '\u0649' -> '\u064A';
            case '\u0629' -> '\u0647';
            default -> c;
        };
    }

    public static List<String> tokens(String text) {
        return tokensOfFolded(fold(text));
    }

    /**
     * The words of a text already {@link #fold folded}: the send path folds each message once. A word is a
     * run of letters, digits (any Unicode number) and '%'; everything else separates words.
     */
    public static List<String> tokensOfFolded(String folded) {
        List<String> words = new ArrayList<>();
        int start = -1;
        StringBuilder joined = null;
        for (int i = 0; i < folded.length(); ) {
            int codePoint = folded.codePointAt(i);
            // An apostrophe inside a word joins it ("won't" is one word, wont, never "won" and "t").
            if ((codePoint == '\'' || codePoint == '\u2019') && start >= 0 && i + 1 < folded.length()
                    && Character.isLetter(folded.codePointAt(i + 1))) {
                if (joined == null) {
                    joined = new StringBuilder();
                }
                joined.append(folded, start, i);
                start = i + 1;
                i++;
                continue;
            }
            boolean inWord = isWordCharacter(codePoint);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(joined == null ? folded.substring(start, i) : joined.append(folded, start, i).toString());
                joined = null;
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(joined == null ? folded.substring(start) : joined.append(folded, start, folded.length()).toString());
        }
        return List.copyOf(words);
    }

    /** The same characters as the regular expression {@code [\p{L}\p{N}%]}. */
    private static boolean isWordCharacter(int codePoint) {
        if (codePoint == '%' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
