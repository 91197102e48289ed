package hub.gateway.domain.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pauses an instance at its {@code count}th policy violation within {@code window}. */
public record RepeatedViolationsRule(int count, Duration window) {
    /** The name of the signal this rule adds. */
    public static final String SIGNAL = "repeated_violations";

    public RepeatedViolationsRule {
        if (count < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("repeated violations: count " + count + ", window " + window);
        }
    }

    /** After a violation is recorded: the count within the window, this one included, may pause. */
    public Optional<RiskAssessment> assess(int violationsInWindow, RiskAssessment violation) {
        if (violationsInWindow < count) {
            return Optional.empty();
        }
        List<RiskSignal> signals = new ArrayList<>(violation.signals());
        signals.add(new RiskSignal(SIGNAL, 100, violationsInWindow + " policy violations within "
                + window.toMinutes() + " minutes"));
        return Optional.of(new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, signals));
    }
}
