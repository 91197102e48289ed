package hub.gateway.domain.risk;

import hub.gateway.domain.text.PhraseList;
import hub.gateway.domain.text.TextPattern;
import hub.gateway.domain.text.WordForms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A content signal: weighted phrases (matched on words) and weighted patterns (regular expressions over
 * the folded text, for shapes such as "50% off" or a coupon code). It scores the sum of the weights of
 * the distinct phrases and patterns it finds, at most {@code cap}.
 */
public record ContentSignal(String name, int cap, PhraseList phrases, List<WeightedPattern> patterns) {
    public ContentSignal {
        Objects.requireNonNull(name);
        patterns = List.copyOf(patterns);
        if (cap < 0 || cap > 100) {
            throw new IllegalArgumentException(name + ": cap must be between 0 and 100");
        }
    }

    /**
     * A signal as a policy writes it: phrases such as {@code limited time}, {@code discount*} or {@code خصم}, and
     * regular expressions over the folded text, each with its weight.
     */
    public static ContentSignal of(String name, int cap, List<WeightedPhrase> phrases, List<WeightedPattern> patterns) {
        return new ContentSignal(name, cap,
                new PhraseList(phrases.stream().map(p -> PhraseList.Phrase.of(p.phrase(), p.weight())).toList()), patterns);
    }

    public record WeightedPhrase(String phrase, int weight) {
        public WeightedPhrase {
            Objects.requireNonNull(phrase);
        }
    }

    public record WeightedPattern(TextPattern pattern, int weight) {
        /** @throws java.util.regex.PatternSyntaxException if {@code regex} is not a regular expression */
        public static WeightedPattern of(String regex, int weight) {
            return new WeightedPattern(TextPattern.compile(regex), weight);
        }

        /** The regular expression as written. */
        public String regex() {
            return pattern.toString();
        }
    }

    /** Empty when nothing was found; the message's words are worked out once for all the signals. */
    Optional<RiskSignal> assessForms(String foldedText, List<WordForms> words) {
        int weight = 0;
        List<String> evidence = new ArrayList<>();
        for (PhraseList.Phrase phrase : phrases.findInForms(words)) {
            weight += phrase.weight();
            evidence.add(phrase.text());
        }
        for (WeightedPattern pattern : patterns) {
            String match = pattern.pattern().firstMatch(foldedText);
            if (match != null) {
                weight += pattern.weight();
                evidence.add(match);
            }
        }
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RiskSignal(name, Math.min(cap, weight), String.join(", ", evidence)));
    }
}
