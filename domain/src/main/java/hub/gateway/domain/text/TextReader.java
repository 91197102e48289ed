package hub.gateway.domain.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a message the way its recipient does, whatever was done to hide its words from a filter: invisible
 * characters between letters removed; full-width, styled and other compatibility forms unified (the JDK's NFKC);
 * letters of other scripts that look like Latin ones read as those ({@code Ѕаlе} → {@code sale}, from Unicode's
 * confusables data as ICU4J ships it); leetspeak and currency symbols read as letters where that reveals a word the
 * rules know ({@code FR€€} → {@code free}, {@code d1sc0unt} → {@code discount}) and a letter O among digits as a
 * zero ({@code 5O%} → {@code 50%}); letters split by spaces, dots or symbols joined ({@code S.A.L.E}, {@code s a l e},
 * {@code خ ص م}); and a message in Arabizi (Arabic in Latin letters and digits) read as the consonants of the Arabic
 * it spells, so that the Arabic phrases find it ({@link ArabiziReader}).
 *
 * <p>The data comes from outside the code: the confusable letters and the Arabic letters' Latin transcription are
 * tables generated from ICU4J (tools/risk-model), the leetspeak symbols and the vocabulary from the policy file.
 * A code or a reference ({@code SAVE50}, {@code EK203}) is left as written: a symbol or digit is read as a letter only
 * when that makes a word of the vocabulary.
 */
public final class TextReader {
    /** Format characters hidden between letters: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen. */
    private static final String INVISIBLE = "\u200B\u200C\u200D\u2060\uFEFF\u00AD\u180E";
    private static final int MAX_LEET_VARIANTS = 16;

    private final Map<Integer, LookAlike> confusables;
    /** The code points {@code confusables} holds, looked up without boxing one for every letter of every message. */
    private final java.util.BitSet confusable = new java.util.BitSet();
    private final Map<Character, String> leet;
    private final Vocabulary vocabulary;
    private final ArabiziReader arabizi;

    /**
     * @param confusables a letter → what it reads as, and whether it is a look-alike from another script (a
     *                    disguise) or only a decorated Latin letter ({@code é}, {@code ø}: not one)
     * @param leet        a symbol or digit → the letters it may stand for ({@code 1} → {@code il})
     * @param vocabulary  the words the rules know: a disguise is undone only where it reveals one of them
     */
    public TextReader(Map<Integer, LookAlike> confusables, Map<Character, String> leet, Vocabulary vocabulary,
                      ArabiziReader arabizi) {
        this.confusables = Map.copyOf(confusables);
        confusables.keySet().forEach(confusable::set);
        this.leet = Map.copyOf(leet);
        this.vocabulary = vocabulary;
        this.arabizi = arabizi;
    }

    /** What a confusable character reads as; {@code disguise} for a letter of another script. */
    public record LookAlike(String reading, boolean disguise) {
    }

    public Reading read(String original) {
        List<String> pieces = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= original.length(); ) {
            int codePoint = i < original.length() ? original.codePointAt(i) : ' ';
            boolean space = Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                pieces.add(original.substring(start, i));
                start = -1;
            }
            i += i < original.length() ? Character.charCount(codePoint) : 1;
        }
        // In Arabizi a digit among letters is a letter ("fa7s", "7o6o"), not leetspeak: known before reading a word.
        List<String> lower = new ArrayList<>(pieces.size());
        boolean latin = false;
        for (String piece : pieces) {
            String lowerPiece = piece.toLowerCase(Locale.ROOT);
            lower.add(lowerPiece);
            latin |= TextNormaliser.hasLowerLatinLetter(lowerPiece);
        }
        boolean inArabizi = latin && arabizi.isArabizi(lower);
        List<String> chunks = new ArrayList<>(pieces.size());
        List<String> disguises = new ArrayList<>(0);
        for (int p = 0; p < pieces.size(); p++) {
            String piece = pieces.get(p);
            String chunk = TextNormaliser.isAscii(piece) && !mayHideAWord(piece) ? lower.get(p) // most words
                    : isPlainArabic(piece) ? TextNormaliser.fold(piece)
                    : readChunk(piece, inArabizi, disguises);
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
        }
        joinSpacedLetters(chunks, disguises);
        List<String> skeletons = inArabizi ? arabizi.skeletons(chunks) : List.of();
        return new Reading(String.join(" ", chunks), skeletons, disguises);
    }

    /** One white-space separated piece of the message, folded and with its disguises undone. */
    private String readChunk(String raw, boolean inArabizi, List<String> disguises) {
        boolean ascii = TextNormaliser.isAscii(raw);
        if (ascii && !mayHideAWord(raw)) {
            return raw.toLowerCase(Locale.ROOT); // most words of most messages
        }
        boolean disguised = false;
        boolean otherScript = false;
        String text = raw;
        if (!ascii) {
            StringBuilder visible = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (INVISIBLE.indexOf(c) >= 0 || (c >= '\uFE00' && c <= '\uFE0F')) {
                    disguised |= i > 0 && i < raw.length() - 1 && Character.isLetter(raw.charAt(i - 1))
                            && Character.isLetter(raw.charAt(i + 1));
                } else {
                    visible.append(c);
                }
            }
            String normalised = Normalizer.normalize(visible, Normalizer.Form.NFKC);
            disguised |= styledLetters(visible, normalised);
            StringBuilder read = new StringBuilder(normalised.length());
            boolean latin = false;
            String lower = normalised.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); ) {
                int codePoint = lower.codePointAt(i);
                LookAlike lookAlike = codePoint < 0x80 || !confusable.get(codePoint) ? null : confusables.get(codePoint);
                if (lookAlike != null) {
                    read.append(lookAlike.reading());
                    otherScript |= lookAlike.disguise();
                } else {
                    read.appendCodePoint(codePoint);
                    latin |= codePoint < 0x80 && Character.isLetter(codePoint);
                }
                i += Character.charCount(codePoint);
            }
            // A word mixing scripts ("Ѕаle") is a disguise whatever it spells; a whole word in another script only
            // when it spells one of the vocabulary's.
            disguised |= otherScript && latin;
            text = TextNormaliser.fold(read.toString());
        } else {
            text = raw.toLowerCase(Locale.ROOT);
        }
        String joined = joinedLetters(text);
        if (joined != null) {
            text = joined;
            disguised = true;
        }
        Core core = Core.of(text);
        String word = core.word();
        String readWord = inArabizi && hasDigit(word) ? null : readLeet(word);
        if (readWord != null) {
            disguised = true;
        } else if (!inArabizi) {
            readWord = readZeroes(word);
            if (readWord != null) {
                disguises.add(Core.of(raw).word() + " → " + readWord);
                return core.with(readWord);
            }
        }
        String read = readWord == null ? word : readWord;
        if (disguised && (otherScript || vocabulary.knows(read))) {
            disguises.add(Core.of(raw).word() + " → " + read);
        }
        return core.with(read);
    }

    private static boolean hasDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Arabic's own letters, marks, tatweel and digits, with punctuation at most at its ends: nothing in it for
     * compatibility normalisation, the confusables (whose Arabic entries are other languages' letters) or split letters,
     * so it is only folded. Most words of Arabic messages.
     */
    private static boolean isPlainArabic(String piece) {
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            boolean arabic = c >= '\u0621' && c <= '\u0669';
            boolean digit = c >= '0' && c <= '9';
            boolean edgePunctuation = (i == 0 || i == piece.length() - 1)
                    && (c < 0x80 ? !Character.isLetterOrDigit(c) : c == '\u060C' || c == '\u061F' || c == '\u061B');
            if (!arabic && !digit && !edgePunctuation) {
                return false;
            }
        }
        return true;
    }

    /** An ASCII piece may still hide a word: a symbol or digit among letters, or letters split by symbols. */
    private boolean mayHideAWord(String raw) {
        boolean letter = false;
        boolean other = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else {
                other = true;
            }
        }
        return letter && other;
    }

    /** Whether compatibility normalisation turned a styled letter (full-width, mathematical, enclosed) into a plain one. */
    private static boolean styledLetters(CharSequence before, String after) {
        for (int i = 0; i < before.length(); ) {
            int codePoint = Character.codePointAt(before, i);
            if (codePoint >= 0x2100 && (Character.isLetter(codePoint) || Character.getType(codePoint) == Character.OTHER_SYMBOL)
                    && !isArabic(codePoint)) {
                String one = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
                if (!one.isEmpty() && TextNormaliser.isAscii(one) && Character.isLetter(one.charAt(0))) {
                    return true;
                }
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    private static boolean isArabic(int codePoint) {
        return (codePoint >= 0x0600 && codePoint <= 0x06FF) || (codePoint >= 0xFB50 && codePoint <= 0xFDFF)
                || (codePoint >= 0xFE70 && codePoint <= 0xFEFF);
    }

    /**
     * Letters split by dots, dashes or symbols inside one piece ("s.a.l.e", "F-R-E-E", "ع.ر.و.ض"): at least three
     * parts of one letter (or leetspeak symbol) each, joined; null when the piece is not that.
     */
    private String joinedLetters(String text) {
        int parts = 0;
        int letters = 0;
        StringBuilder joined = new StringBuilder(text.length());
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean letter = Character.isLetter(codePoint);
            boolean symbol = !letter && codePoint < 0x10000 && leet.containsKey((char) codePoint);
            if (letter || symbol || Character.isDigit(codePoint)) {
                run++;
                if (run > 1) {
                    return null; // a part longer than one character: an ordinary word
                }
                parts++;
                letters += letter ? 1 : 0;
                joined.appendCodePoint(codePoint);
            } else {
                run = 0;
            }
            i += Character.charCount(codePoint);
        }
        return parts >= 3 && letters >= 2 && joined.length() < text.length() ? joined.toString() : null;
    }

    /**
     * Runs of three or more pieces of one letter each ("F R E E", "خ ص م") become one word, read again for leetspeak.
     */
    private void joinSpacedLetters(List<String> chunks, List<String> disguises) {
        for (int i = 0; i < chunks.size(); i++) {
            int end = i;
            while (end < chunks.size() && isSingleLetter(chunks.get(end))) {
                end++;
            }
            if (end - i >= 3) {
                StringBuilder joined = new StringBuilder();
                for (int j = i; j < end; j++) {
                    joined.append(Core.of(chunks.get(j)).word());
                }
                String word = joined.toString();
                String read = readLeet(word);
                String result = read == null ? word : read;
                if (vocabulary.knows(result)) {
                    disguises.add(String.join(" ", chunks.subList(i, end)) + " → " + result);
                }
                chunks.subList(i, end).clear();
                chunks.add(i, result);
            }
        }
    }

    private boolean isSingleLetter(String chunk) {
        String word = Core.of(chunk).word();
        if (word.codePointCount(0, word.length()) != 1) {
            return false;
        }
        int codePoint = word.codePointAt(0);
        return Character.isLetter(codePoint) || (codePoint < 0x10000 && leet.containsKey((char) codePoint)
                && !Character.isDigit(codePoint));
    }

    /**
     * The word with its leetspeak read as letters, when some reading of it is a word of the vocabulary; null when
     * it holds no leetspeak or no reading makes a known word (a code such as SAVE50 stays as written).
     */
    private String readLeet(String word) {
        if (word.length() < 3) {
            return null;
        }
        boolean letter = false;
        boolean symbol = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            letter |= c >= 'a' && c <= 'z';
            symbol |= leet.containsKey(c);
        }
        if (!letter || !symbol) {
            return null;
        }
        List<StringBuilder> variants = new ArrayList<>();
        variants.add(new StringBuilder(word.length()));
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            String letters = leet.get(c);
            if (letters == null || letters.isEmpty()) {
                variants.forEach(v -> v.append(c));
                continue;
            }
            List<StringBuilder> next = new ArrayList<>();
            for (StringBuilder variant : variants) {
                for (int j = 0; j < letters.length() && next.size() < MAX_LEET_VARIANTS; j++) {
                    next.add(new StringBuilder(variant).append(letters.charAt(j)));
                }
            }
            variants = next;
        }
        for (StringBuilder variant : variants) {
            String candidate = variant.toString();
            if (vocabulary.knows(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** "5o", "1oo": a number written with the letter O for zeroes; null otherwise. */
    private static String readZeroes(String word) {
        if (word.length() < 2 || !Character.isDigit(word.charAt(0)) || word.charAt(0) > '9') {
            return null;
        }
        boolean letterO = false;
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == 'o') {
                letterO = true;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        return letterO ? word.replace('o', '0') : null;
    }

    /**
     * A piece without the punctuation around it: what is compared with the vocabulary. Leading currency and at signs
     * stay ("$ale"), and so does a euro sign at the end ("FR€€").
     */
    private record Core(String before, String word, String after) {
        static Core of(String piece) {
            int start = 0;
            int end = piece.length();
            while (start < end && !partOfWord(piece.codePointAt(start), true)) {
                start += Character.charCount(piece.codePointAt(start));
            }
            while (end > start && !partOfWord(piece.codePointBefore(end), false)) {
                end -= Character.charCount(piece.codePointBefore(end));
            }
            return new Core(piece.substring(0, start), piece.substring(start, end), piece.substring(end));
        }

        private static boolean partOfWord(int codePoint, boolean leading) {
            return Character.isLetterOrDigit(codePoint) || codePoint == '€' || codePoint == '¢'
                    || (leading && (codePoint == '$' || codePoint == '@'));
        }

        String with(String word) {
            return before + word + after;
        }
    }
}
