package hub.gateway.domain;

import java.util.BitSet;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The characters a match of a regular expression can start with, read from its source, so that the
 * pattern is tried only where the text has one of them. It understands the shapes the policy's patterns
 * are written in: literal characters, {@code \d \s \b} and escaped punctuation, classes of characters and
 * ranges, groups, alternation and quantifiers. Anything else (flags, {@code .}, anchors, negated classes,
 * look-arounds, back-references, …), and any pattern that can match the empty text, gives no answer: such
 * a pattern is searched everywhere, as before.
 */
final class FirstCharacters {
    private static final String DIGITS = "0123456789";
    /** What {@code \s} means without UNICODE_CHARACTER_CLASS. */
    private static final String SPACES = " \t\n\u000B\f\r";

    private final int[] source;
    private int at;

    private FirstCharacters(String source) {
        this.source = source.codePoints().toArray();
    }

    /** What a part of a pattern can start with, and whether it can match nothing at all. */
    private record Start(BitSet characters, boolean canBeEmpty) {
        static Start empty() {
            return new Start(new BitSet(), true);
        }
    }

    /** Thrown inside the reader for anything it does not understand. */
    private static final class Unknown extends Exception {
        Unknown() {
            super(null, null, false, false);
        }
    }

    static Optional<BitSet> of(Pattern pattern) {
        if (pattern.flags() != 0) {
            return Optional.empty();
        }
        FirstCharacters reader = new FirstCharacters(pattern.pattern());
        try {
            Start start = reader.alternation();
            if (reader.at < reader.source.length || start.canBeEmpty() || containsSurrogates(start.characters())) {
                return Optional.empty();
            }
            return Optional.of(start.characters());
        } catch (Unknown e) {
            return Optional.empty();
        }
    }

    /** A lone surrogate would be "matched" by Java in the middle of an emoji; the search steps over those. */
    private static boolean containsSurrogates(BitSet characters) {
        int next = characters.nextSetBit(Character.MIN_SURROGATE);
        return next >= 0 && next <= Character.MAX_SURROGATE;
    }

    private Start alternation() throws Unknown {
        Start start = sequence();
        while (peek() == '|') {
            at++;
            Start other = sequence();
            start.characters().or(other.characters());
            start = new Start(start.characters(), start.canBeEmpty() || other.canBeEmpty());
        }
        return start;
    }

    /** Items one after another: the first that cannot be empty ends what the sequence can start with. */
    private Start sequence() throws Unknown {
        BitSet characters = new BitSet();
        boolean canBeEmpty = true;
        while (at < source.length && peek() != '|' && peek() != ')') {
            Start item = quantified(atom());
            if (canBeEmpty) {
                characters.or(item.characters());
                canBeEmpty = item.canBeEmpty();
            }
        }
        return new Start(characters, canBeEmpty);
    }

    /** {@code ? * + {n} {n,} {n,m}}, greedy, lazy or possessive: the same start, maybe empty. */
    private Start quantified(Start atom) throws Unknown {
        int c = peek();
        if (c == '?' || c == '*' || c == '+') {
            at++;
            skipQuantifierMode();
            return new Start(atom.characters(), atom.canBeEmpty() || c != '+');
        }
        if (c == '{') {
            at++;
            int minimum = number();
            if (peek() == ',') {
                at++;
                if (peek() != '}') {
                    number();
                }
            }
            expect('}');
            skipQuantifierMode();
            return new Start(atom.characters(), atom.canBeEmpty() || minimum == 0);
        }
        return atom;
    }

    private void skipQuantifierMode() {
        if (peek() == '?' || peek() == '+') {
            at++;
        }
    }

    private Start atom() throws Unknown {
        int c = next();
        switch (c) {
            case '(' -> {
                if (peek() == '?') {
                    at++;
                    expect(':');
                }
                Start group = alternation();
                expect(')');
                return group;
            }
            case '[' -> {
                return new Start(characterClass(), false);
            }
            case '\\' -> {
                int escaped = next();
                if (escaped == 'b') {
                    return Start.empty();
                }
                return new Start(escape(escaped), false);
            }
            default -> {
                if ("^$.|?*+{}])".indexOf(c) >= 0) {
                    throw new Unknown();
                }
                return new Start(single(c), false);
            }
        }
    }

    /** {@code [...]} of characters, ranges and {@code \d \s}: no negation, nesting or intersection. */
    private BitSet characterClass() throws Unknown {
        BitSet members = new BitSet();
        if (peek() == ']') {
            throw new Unknown();
        }
        while (peek() != ']') {
            int c = next();
            if (c == '\\') {
                members.or(escape(next()));
            } else if ("[^&-".indexOf(c) >= 0) {
                throw new Unknown();
            } else if (peek() == '-' && at + 1 < source.length && source[at + 1] != ']') {
                at++;
                int last = next();
                if ("\\[]^&-".indexOf(last) >= 0 || last < c) {
                    throw new Unknown();
                }
                members.set(c, last + 1);
            } else {
                members.set(c);
            }
        }
        at++;
        return members;
    }

    /** {@code \d}, {@code \s} or an escaped ASCII punctuation mark, which stands for itself. */
    private static BitSet escape(int escaped) throws Unknown {
        return switch (escaped) {
            case 'd' -> of(DIGITS);
            case 's' -> of(SPACES);
            default -> {
                if (escaped < 128 && !Character.isLetterOrDigit(escaped) && !Character.isWhitespace(escaped)
                        && !Character.isISOControl(escaped)) {
                    yield single(escaped);
                }
                throw new Unknown();
            }
        };
    }

    private int number() throws Unknown {
        int start = at;
        int value = 0;
        while (at < source.length && source[at] >= '0' && source[at] <= '9' && at - start < 6) {
            value = value * 10 + source[at++] - '0';
        }
        if (at == start) {
            throw new Unknown();
        }
        return value;
    }

    private static BitSet of(String characters) {
        BitSet set = new BitSet();
        characters.codePoints().forEach(set::set);
        return set;
    }

    private static BitSet single(int c) {
        BitSet set = new BitSet();
        set.set(c);
        return set;
    }

    private int peek() {
        return at < source.length ? source[at] : -1;
    }

    private int next() throws Unknown {
        if (at >= source.length) {
            throw new Unknown();
        }
        return source[at++];
    }

    private void expect(int c) throws Unknown {
        if (next() != c) {
            throw new Unknown();
        }
    }
}
