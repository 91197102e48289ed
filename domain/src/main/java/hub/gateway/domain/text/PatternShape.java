package hub.gateway.domain.text;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the source of a policy pattern tells before the pattern is run: the characters a match can start with,
 * so that it is tried only where the text has one of them, and a few texts of which every match contains one
 * ("%" for {@code \d+\s?%\s?off}, "code" or "كود" for {@code (\bcode|كود)\s*\w+}), so that a message holding
 * none of them is not searched at all. It understands the shapes the policy's patterns are written in:
 * literal characters, {@code \d \s \b} and escaped punctuation, classes of characters and ranges, groups,
 * alternation and quantifiers. Anything else (flags, {@code .}, anchors, negated classes, look-arounds,
 * back-references, …), and any pattern that can match the empty text, gives no answer: such a pattern is
 * searched everywhere.
 *
 * @param firstCharacters the characters a match can start with
 * @param requiredTexts   every match contains one of these; empty when the pattern tells none
 */
record PatternShape(BitSet firstCharacters, List<String> requiredTexts) {
    private static final String DIGITS = "0123456789";
    /** What {@code \s} means without UNICODE_CHARACTER_CLASS. */
    private static final String SPACES = " \t\n\u000B\f\r";
    /** Beyond this many, the exact texts a part can match are no longer listed (a class of letters, say). */
    private static final int MAX_TEXTS = 32;

    static Optional<PatternShape> of(Pattern pattern) {
        if (pattern.flags() != 0) {
            return Optional.empty();
        }
        Reader reader = new Reader(pattern.pattern());
        try {
            Part whole = reader.alternation();
            if (reader.at < reader.source.length || whole.canBeEmpty() || containsSurrogates(whole.characters())) {
                return Optional.empty();
            }
            Set<String> required = whole.requirement();
            // Many one-character texts (a class of emoji) tell no more than the first characters, at more searches.
            boolean worthChecking = required != null && Part.worth(required) > 0;
            return Optional.of(new PatternShape(whole.characters(), worthChecking ? List.copyOf(required) : List.of()));
        } catch (Unknown e) {
            return Optional.empty();
        }
    }

    /** A lone surrogate would be "matched" by Java in the middle of an emoji; the search steps over those. */
    private static boolean containsSurrogates(BitSet characters) {
        int next = characters.nextSetBit(Character.MIN_SURROGATE);
        return next >= 0 && next <= Character.MAX_SURROGATE;
    }

    /**
     * What a part of a pattern can start with and whether it can match nothing at all; the texts it can match,
     * when there are few ({@code exact}, else null); texts one of which each of its matches contains
     * ({@code required}, null when none is known).
     */
    private record Part(BitSet characters, boolean canBeEmpty, Set<String> exact, Set<String> required) {
        static Part nothing() {
            return new Part(new BitSet(), true, Set.of(""), null);
        }

        static Part oneOf(BitSet characters) {
            Set<String> exact = null;
            if (characters.cardinality() <= MAX_TEXTS) {
                exact = new LinkedHashSet<>();
                for (int c = characters.nextSetBit(0); c >= 0; c = characters.nextSetBit(c + 1)) {
                    exact.add(Character.toString(c));
                }
            }
            return new Part(characters, false, exact, null);
        }

        /** This part, then {@code next}. */
        Part then(Part next) {
            BitSet starts = (BitSet) characters.clone();
            if (canBeEmpty) {
                starts.or(next.characters);
            }
            Set<String> joined = exact == null || next.exact == null ? null : product(exact, next.exact);
            return new Part(starts, canBeEmpty && next.canBeEmpty, joined, better(requirement(), next.requirement()));
        }

        /** This part or {@code other}. */
        Part or(Part other) {
            BitSet starts = (BitSet) characters.clone();
            starts.or(other.characters);
            Set<String> either = exact == null || other.exact == null ? null : union(exact, other.exact);
            Set<String> eitherRequired = requirement() == null || other.requirement() == null ? null
                    : union(requirement(), other.requirement());
            return new Part(starts, canBeEmpty || other.canBeEmpty, either, eitherRequired);
        }

        /** Repeated at least {@code minimum} times (and at most {@code maximum}, -1 for no limit). */
        Part repeated(int minimum, int maximum) {
            if (minimum == 1 && maximum == 1) {
                return this;
            }
            if (minimum == 0 && maximum == 1 && exact != null) {
                Set<String> maybe = new LinkedHashSet<>(exact);
                maybe.add("");
                return new Part(characters, true, maybe, null);
            }
            Set<String> required = minimum == 0 ? null : requirement();
            if (exact != null && required != null) {
                // {2,} of "!" needs "!!": the exact texts, that many times over, while they stay few.
                Set<String> times = exact;
                for (int i = 1; i < minimum && times != null; i++) {
                    times = product(times, exact);
                }
                required = better(required, times);
            }
            return new Part(characters, canBeEmpty || minimum == 0, null, required);
        }

        /** Texts one of which every match contains, or null: none when the part can match the empty text. */
        Set<String> requirement() {
            Set<String> fromExact = exact == null || exact.contains("") ? null : exact;
            return better(fromExact, required);
        }

        /** Each of {@code firsts} followed by each of {@code seconds}; null when they would be too many. */
        private static Set<String> product(Set<String> firsts, Set<String> seconds) {
            if (firsts.size() * seconds.size() > MAX_TEXTS) {
                return null;
            }
            Set<String> joined = new LinkedHashSet<>();
            for (String first : firsts) {
                for (String second : seconds) {
                    joined.add(first + second);
                }
            }
            return joined;
        }

        /** Both sets' texts; null when they would be too many. */
        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> both = new LinkedHashSet<>(a);
            both.addAll(b);
            return both.size() > MAX_TEXTS ? null : both;
        }

        /**
         * The requirement that is cheaper to check and rules out more: each text is one search of the message,
         * and beyond four characters a text rarely occurs by chance anyway, so fewer texts win over longer ones.
         */
        private static Set<String> better(Set<String> a, Set<String> b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return worth(a) >= worth(b) ? a : b;
        }

        static double worth(Set<String> texts) {
            int shortest = texts.stream().mapToInt(String::length).min().orElse(0);
            return Math.min(shortest, 4) - Math.log(texts.size()) / Math.log(2) / 2;
        }
    }

    /** Thrown inside the reader for anything it does not understand. */
    private static final class Unknown extends Exception {
        Unknown() {
            super(null, null, false, false);
        }
    }

    /** Reads a pattern's source by recursive descent. */
    private static final class Reader {
        private final int[] source;
        private int at;

        private Reader(String source) {
            this.source = source.codePoints().toArray();
        }

        private Part alternation() throws Unknown {
            Part part = sequence();
            while (peek() == '|') {
                at++;
                part = part.or(sequence());
            }
            return part;
        }

        /** Items one after another. */
        private Part sequence() throws Unknown {
            Part part = Part.nothing();
            while (at < source.length && peek() != '|' && peek() != ')') {
                part = part.then(quantified(atom()));
            }
            return part;
        }

        /** {@code ? * + {n} {n,} {n,m}}, greedy, lazy or possessive. */
        private Part quantified(Part atom) throws Unknown {
            int c = peek();
            if (c == '?' || c == '*' || c == '+') {
                at++;
                skipQuantifierMode();
                return atom.repeated(c == '+' ? 1 : 0, c == '?' ? 1 : -1);
            }
            if (c == '{') {
                at++;
                int minimum = number();
                int maximum = minimum;
                if (peek() == ',') {
                    at++;
                    maximum = peek() == '}' ? -1 : number();
                }
                expect('}');
                skipQuantifierMode();
                return atom.repeated(minimum, maximum);
            }
            return atom;
        }

        private void skipQuantifierMode() {
            if (peek() == '?' || peek() == '+') {
                at++;
            }
        }

        private Part atom() throws Unknown {
            int c = next();
            switch (c) {
                case '(' -> {
                    if (peek() == '?') {
                        at++;
                        expect(':');
                    }
                    Part group = alternation();
                    expect(')');
                    return group;
                }
                case '[' -> {
                    return Part.oneOf(characterClass());
                }
                case '\\' -> {
                    int escaped = next();
                    if (escaped == 'b') {
                        return Part.nothing();
                    }
                    return Part.oneOf(escape(escaped));
                }
                default -> {
                    if ("^$.|?*+{}])".indexOf(c) >= 0) {
                        throw new Unknown();
                    }
                    return Part.oneOf(single(c));
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
}
