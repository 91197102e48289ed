package hub.gateway.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    public record WeightedPattern(Pattern pattern, int weight) {
    }

    /** Empty when nothing was found. */
    public java.util.Optional<RiskSignal> assess(String foldedText, List<String> words) {
        int weight = 0;
        List<String> evidence = new ArrayList<>();
        for (PhraseList.Phrase phrase : phrases.findIn(words)) {
            weight += phrase.weight();
            evidence.add(phrase.text());
        }
        for (WeightedPattern pattern : patterns) {
            Matcher matcher = pattern.pattern().matcher(foldedText);
            if (matcher.find()) {
                weight += pattern.weight();
                evidence.add(matcher.group());
            }
        }
        if (evidence.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new RiskSignal(name, Math.min(cap, weight), String.join(", ", evidence)));
    }
}
