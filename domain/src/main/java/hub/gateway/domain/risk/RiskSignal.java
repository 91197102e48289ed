package hub.gateway.domain.risk;

import java.util.Objects;

/**
 * One reason a message or an instance looks risky.
 *
 * @param name     e.g. {@code promotional_language}, {@code shortened_link}, {@code duplicate_content}
 * @param weight   what it adds to the score
 * @param evidence what was found: the matched phrase, the link host, the measured share
 */
public record RiskSignal(String name, int weight, String evidence) {
    public RiskSignal {
        Objects.requireNonNull(name);
        Objects.requireNonNull(evidence);
        if (weight < 0) {
            throw new IllegalArgumentException("a signal's weight is not negative");
        }
    }
}
