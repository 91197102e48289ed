package hub.gateway.domain.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pauses an instance at its {@code count}th policy violation within {@code window}. Only violations judged with
 * high certainty — scored {@code certainScore} or more — count: a borderline refusal of an honest message is
 * refused, and not one step towards a review pause (contract §6).
 */
public record RepeatedViolationsRule(int count, Duration window, int certainScore) {
    /** The name of the signal this rule gives. */
    public static final String SIGNAL = "repeated_violations";

    public RepeatedViolationsRule {
        if (count < 1 || window.isNegative() || window.isZero() || certainScore < 1 || certainScore > 100) {
            throw new IllegalArgumentException("repeated violations: count " + count + ", window " + window
                    + ", certain from score " + certainScore);
        }
    }

    /** Whether a violation with this assessment counts towards the pause. */
    public boolean counts(RiskAssessment violation) {
        return violation.score() >= certainScore;
    }

    /**
     * After a violation is recorded: the count of certain violations within the window, this one included, may pause
     * — when this one is certain itself.
     */
    public Optional<RiskAssessment> assess(int certainViolationsInWindow, RiskAssessment violation) {
        if (!counts(violation) || certainViolationsInWindow < count) {
            return Optional.empty();
        }
        List<RiskSignal> signals = new ArrayList<>(violation.signals());
        signals.add(new RiskSignal(SIGNAL, 100, certainViolationsInWindow + " policy violations scored "
                + certainScore + " or more within " + window.toMinutes() + " minutes"));
        return Optional.of(new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, signals));
    }
}
