package hub.gateway.domain.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arabizi — Arabic written in Latin letters, with digits for the sounds Latin lacks ("5asm" خصم, "3roud" عروض,
 * "la fatra ma7doda" لفترة محدودة) — read as Arabic. People spell it freely (vowels come and go, "kh" or "5"), so
 * it cannot be turned back into Arabic spelling letter by letter; instead both sides are brought to the same
 * consonant skeleton: an Arabic phrase through the Latin transcription of its letters (ICU4J's Arabic-Latin, as a
 * generated table), an Arabizi word through the policy's digit conventions; then digraphs unified (kh, sh, gh, th,
 * dh), vowels and long vowels dropped, q/g/k and doubled letters merged, a final h (ة) and a leading article or
 * preposition (ال، ل، ب، ف، ك) dropped. "5asm", "khasm" and خصم all read {@code xsm}.
 *
 * <p>A message is Arabizi when it holds words shaped like it (a digit among letters: "3ard", "ta5fed") or several
 * of its common words ("el", "3ala", "yalla"); an English message with a product code or "2FA" is not.
 */
public final class ArabiziReader {
    private final Map<Integer, String> arabicLatin;
    private final Map<Character, String> digits;
    private final Set<String> commonWords;

    /**
     * @param arabicLatin the Latin transcription of each Arabic letter (generated from ICU4J)
     * @param digits      the Arabizi digits and what each stands for in Latin transcription ({@code 3} → {@code ʿ})
     * @param commonWords Arabizi words frequent enough to tell a message is written in it
     */
    public ArabiziReader(Map<Integer, String> arabicLatin, Map<Character, String> digits, Set<String> commonWords) {
        this.arabicLatin = Map.copyOf(arabicLatin);
        this.digits = Map.copyOf(digits);
        this.commonWords = Set.copyOf(commonWords);
    }

    /** The skeletons of an Arabic phrase's words (folded), as an Arabizi message's words are read. */
    public List<String> skeletonsOfArabic(List<String> foldedWords) {
        List<String> skeletons = new ArrayList<>(foldedWords.size());
        for (String word : foldedWords) {
            StringBuilder latin = new StringBuilder(word.length() * 2);
            for (int i = 0; i < word.length(); ) {
                int codePoint = word.codePointAt(i);
                String letters = arabicLatin.get(codePoint);
                if (letters != null) {
                    latin.append(letters);
                } else if (codePoint < 0x80) {
                    latin.appendCodePoint(codePoint);
                }
                i += Character.charCount(codePoint);
            }
            String skeleton = skeleton(latin.toString());
            if (!skeleton.isEmpty()) {
                skeletons.add(skeleton);
            }
        }
        return skeletons;
    }

    /**
     * Whether a message is written in Arabizi.
     *
     * @param pieces the message's white-space separated pieces, in lower case
     */
    boolean isArabizi(List<String> pieces) {
        int shaped = 0;
        int common = 0;
        int latinWords = 0;
        for (String piece : pieces) {
            String word = wordOf(piece);
            if (word.isEmpty() || !TextNormaliser.hasLowerLatinLetter(word)) {
                continue;
            }
            latinWords++;
            if (commonWords.contains(word)) {
                common++;
            } else if (isShapedLikeArabizi(word)) {
                shaped++;
            }
        }
        return shaped >= 2 || (shaped >= 1 && common >= 1) || (common >= 3 && common * 4 >= latinWords);
    }

    /** The skeletons of the Latin words of a message written in Arabizi. */
    List<String> skeletons(List<String> pieces) {
        List<String> skeletons = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            String word = wordOf(piece);
            if (!word.isEmpty() && TextNormaliser.hasLowerLatinLetter(word)) {
                String skeleton = skeleton(word);
                if (!skeleton.isEmpty()) {
                    skeletons.add(skeleton);
                }
            }
        }
        return skeletons;
    }

    /** Letters and digits of a piece, without the punctuation around it. */
    private static String wordOf(String piece) {
        int start = 0;
        int end = piece.length();
        while (start < end && !Character.isLetterOrDigit(piece.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(piece.charAt(end - 1))) {
            end--;
        }
        return piece.substring(start, end);
    }

    /**
     * A digit that stands for a letter, followed by a letter, in a word with a vowel and at least two letters:
     * "3ard", "ta5fed", "sa3a", "9a7". Not a code ("ps5", "covid19", "5g"), nor "b2b".
     */
    private boolean isShapedLikeArabizi(String word) {
        int letters = 0;
        boolean vowel = false;
        boolean digitBeforeLetter = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters++;
                vowel |= "aeiou".indexOf(c) >= 0;
            } else if (c >= '0' && c <= '9') {
                if (!digits.containsKey(c) || (i + 1 < word.length() && Character.isDigit(word.charAt(i + 1)))
                        || (i > 0 && Character.isDigit(word.charAt(i - 1)))) {
                    return false; // a number, or a digit Arabizi does not use
                }
                digitBeforeLetter |= i + 1 < word.length() && word.charAt(i + 1) >= 'a' && word.charAt(i + 1) <= 'z';
            } else {
                return false;
            }
        }
        return letters >= 2 && vowel && digitBeforeLetter;
    }

    /** The Arabizi digits replaced by the Latin transcription of the letters they stand for. */
    private String withDigitsRead(String word) {
        StringBuilder read = null;
        for (int i = 0; i < word.length(); i++) {
            String letters = digits.get(word.charAt(i));
            if (letters != null && read == null) {
                read = new StringBuilder(word.length() + 2).append(word, 0, i);
            }
            if (read != null) {
                if (letters != null) {
                    read.append(letters);
                } else {
                    read.append(word.charAt(i));
                }
            }
        }
        return read == null ? word : read.toString();
    }

    /**
     * The consonant skeleton of a word in Latin letters (a transcription of Arabic, or Arabizi): the form both
     * sides are compared in.
     */
    String skeleton(String latin) {
        StringBuilder out = new StringBuilder(latin.length());
        String word = withDigitsRead(latin.toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
            if (next == 'h' && "kscgtd".indexOf(c) >= 0) {
                out.append(switch (c) {
                    case 'k' -> 'x';
                    case 's', 'c' -> 'c';
                    case 'g' -> 'k';
                    case 't' -> 't';
                    default -> 'd';
                });
                i++;
                continue;
            }
            switch (c) {
                case 'a', 'e', 'i', 'o', 'u', 'y', 'w', '\'', 'ʾ' -> {
                }
                case 'ʿ' -> out.append('3');
                case 'q', 'g' -> out.append('k');
                case 'c' -> out.append('k');
                case 'p' -> out.append('b');
                case 'v' -> out.append('f');
                default -> {
                    if ((c >= 'a' && c <= 'z') || c == '3') {
                        out.append(c);
                    }
                }
            }
        }
        // Doubled letters (a shadda, or "3roood") count once.
        StringBuilder merged = new StringBuilder(out.length());
        for (int i = 0; i < out.length(); i++) {
            if (i == 0 || out.charAt(i) != out.charAt(i - 1)) {
                merged.append(out.charAt(i));
            }
        }
        // A final h is usually ة (written "a" in Arabizi); a leading l, b, f or k an article or preposition.
        if (merged.length() > 2 && merged.charAt(merged.length() - 1) == 'h') {
            merged.setLength(merged.length() - 1);
        }
        if (merged.length() > 3 && "lbfk".indexOf(merged.charAt(0)) >= 0) {
            merged.deleteCharAt(0);
        }
        return merged.length() >= 2 ? merged.toString() : "";
    }
}
