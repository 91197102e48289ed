package hub.gateway.domain.risk;

import java.time.Duration;
import java.util.Optional;

/**
 * Pauses an instance whose recipients opt out too often: within {@code window}, at least {@code minimum}
 * opt-outs, and at least {@code share} of the distinct recipients it sent to.
 */
public record OptOutsRule(int minimum, double share, Duration window) {
    /** The name of the signal this rule adds. */
    public static final String SIGNAL = "opt_outs";

    public OptOutsRule {
        if (minimum < 1 || !(share > 0 && share <= 1) || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("opt-outs: minimum " + minimum + ", share " + share + ", window " + window);
        }
    }

    public Optional<RiskSignal> assess(BehaviourFacts facts) {
        if (facts.optOuts() < minimum || facts.distinctRecipients() <= 0
                || facts.optOuts() < share * facts.distinctRecipients()) {
            return Optional.empty();
        }
        return Optional.of(new RiskSignal(SIGNAL, 100, facts.optOuts() + " of " + facts.distinctRecipients()
                + " recipients opted out within " + window.toHours() + " hours"));
    }
}
