package hub.gateway.domain.text;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression of the risk policy, searched in a folded text for its first match, as
 * {@link Matcher#find()} finds it. When its {@link PatternShape shape} can be read, a text that holds none of
 * the texts every match contains is not searched, and the pattern is tried only where the text has a
 * character a match can start with: {@code find()} tries every position, and a class of emoji
 * ({@code [🎁🔥💥]}, compiled by Java to a chain of predicates) tried at every position was the largest cost
 * of assessing a message.
 */
public final class TextPattern {
    private final Pattern regex;
    /** Null when not known: the pattern is then searched with {@code find()}. */
    private final BitSet firstCharacters;
    /** Every match contains one of these; empty when not known. */
    private final List<String> requiredTexts;

    private TextPattern(Pattern regex) {
        this.regex = regex;
        Optional<PatternShape> shape = PatternShape.of(regex);
        this.firstCharacters = shape.map(PatternShape::firstCharacters).orElse(null);
        this.requiredTexts = shape.map(PatternShape::requiredTexts).orElse(List.of());
    }

    /** @throws java.util.regex.PatternSyntaxException when it is not a regular expression */
    public static TextPattern compile(String regex) {
        return new TextPattern(Pattern.compile(regex));
    }

    /** Whether the search skips the positions where no match can start (tests look at this). */
    boolean skipsPositions() {
        return firstCharacters != null;
    }

    /** Texts one of which every match contains (tests look at this). */
    List<String> requiredTexts() {
        return requiredTexts;
    }

    /** The text of the first match, or null when there is none. */
    public String firstMatch(String text) {
        if (!requiredTexts.isEmpty() && !containsAnyRequiredText(text)) {
            return null;
        }
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

    private boolean containsAnyRequiredText(String text) {
        for (String required : requiredTexts) {
            if (text.contains(required)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return regex.pattern();
    }
}
