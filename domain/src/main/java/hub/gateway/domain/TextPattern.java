package hub.gateway.domain;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression of the risk policy, searched in a folded text for its first match, as
 * {@link Matcher#find()} finds it. When the {@link FirstCharacters characters a match can start with} are
 * known, the pattern is tried only where the text has one of them: {@code find()} tries every position, and
 * a class of emoji ({@code [🎁🔥💥]}, compiled by Java to a chain of predicates) tried at every position was
 * the largest cost of assessing a message.
 */
public final class TextPattern {
    private final Pattern regex;
    /** Null when not known: the pattern is then searched with {@code find()}. */
    private final BitSet firstCharacters;

    private TextPattern(Pattern regex) {
        this.regex = regex;
        this.firstCharacters = FirstCharacters.of(regex).orElse(null);
    }

    /** @throws java.util.regex.PatternSyntaxException when it is not a regular expression */
    public static TextPattern compile(String regex) {
        return new TextPattern(Pattern.compile(regex));
    }

    /** Whether the search skips the positions where no match can start (tests look at this). */
    boolean skipsPositions() {
        return firstCharacters != null;
    }

    /** The text of the first match, or null when there is none. */
    public String firstMatch(String text) {
        if (firstCharacters == null) {
            Matcher matcher = regex.matcher(text);
            return matcher.find() ? matcher.group() : null;
        }
        Matcher matcher = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (firstCharacters.get(codePoint)) {
                if (matcher == null) {
                    // Tried from position i alone, as find() tries it: \b may look at the character before i.
                    matcher = regex.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                if (matcher.region(i, text.length()).lookingAt()) {
                    return matcher.group();
                }
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    @Override
    public String toString() {
        return regex.pattern();
    }
}
