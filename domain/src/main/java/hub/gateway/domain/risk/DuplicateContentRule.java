package hub.gateway.domain.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The same text to more than {@code recipients} distinct recipients within {@code window}: this alone blocks.
 * The send gate counts the recipients under its lock, so the refusal it records is made before the count is
 * known ({@link #toCount}) and the gate puts the count where {@link #RECIPIENTS} stands.
 */
public record DuplicateContentRule(int recipients, Duration window) {
    /** Where the count goes in the evidence of {@link #toCount}. */
    public static final String RECIPIENTS = "{recipients}";

    public DuplicateContentRule {
        if (recipients < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("duplicate content: recipients " + recipients + ", window " + window);
        }
    }

    /** The refusal of a text sent to {@code recipients} recipients, on top of what its content scored. */
    public RiskAssessment assess(int recipients, RiskAssessment contentAssessment) {
        return refusal(Integer.toString(recipients), contentAssessment);
    }

    /** {@link #assess} before the recipients are counted: {@link #RECIPIENTS} stands for the count. */
    public RiskAssessment toCount(RiskAssessment contentAssessment) {
        return refusal(RECIPIENTS, contentAssessment);
    }

    private RiskAssessment refusal(String recipients, RiskAssessment contentAssessment) {
        List<RiskSignal> signals = new ArrayList<>(contentAssessment.signals());
        signals.add(new RiskSignal("duplicate_content", 100,
                "the same text to " + recipients + " recipients within " + window.toMinutes() + " minutes"));
        return new RiskAssessment(100, RiskAction.BLOCK, signals);
    }
}
