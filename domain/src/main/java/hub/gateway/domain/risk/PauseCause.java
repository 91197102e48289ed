package hub.gateway.domain.risk;

import java.util.List;
import java.util.Optional;

/**
 * Why an instance was paused for review, as its {@code instance.paused_for_review} event says: an operator, or the
 * rule whose signal led to the pause. A pause by the rules carries its rule's signal; when both behaviour rules
 * hold at once the first signal the policy produced (failed deliveries) names the cause, and both signals are sent.
 */
public enum PauseCause {
    OPERATOR("operator", ""),
    VIOLATIONS("violations", RepeatedViolationsRule.SIGNAL),
    FAILED_DELIVERIES("failed_deliveries", FailedDeliveriesRule.SIGNAL),
    OPT_OUTS("opt_outs", OptOutsRule.SIGNAL);

    private final String wireName;
    private final String signal;

    PauseCause(String wireName, String signal) {
        this.wireName = wireName;
        this.signal = signal;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The cause of a pause by the rules, from the signals of the assessment that paused: the repeated-violations
     * signal comes last (after the violation's own), so it is looked for first.
     */
    public static PauseCause ofRules(List<RiskSignal> signals) {
        if (signals.stream().anyMatch(s -> s.name().equals(VIOLATIONS.signal))) {
            return VIOLATIONS;
        }
        return signals.stream()
                .flatMap(s -> fromSignal(s.name()).stream())
                .findFirst()
                .orElse(VIOLATIONS);
    }

    public static Optional<PauseCause> fromWireName(String name) {
        for (PauseCause cause : values()) {
            if (cause.wireName.equals(name)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static Optional<PauseCause> fromSignal(String signalName) {
        for (PauseCause cause : values()) {
            if (cause != OPERATOR && cause.signal.equals(signalName)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
