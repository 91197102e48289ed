package hub.gateway.domain.risk;

import java.util.List;

/** The verdict on one send: a score from 0 to 100, what to do, and the signals that led there. */
public record RiskAssessment(int score, RiskAction action, List<RiskSignal> signals) {
    public static final RiskAssessment CLEAN = new RiskAssessment(0, RiskAction.ALLOW, List.of());

    public RiskAssessment {
        signals = List.copyOf(signals);
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a risk score is between 0 and 100");
        }
    }

    public boolean refuses() {
        return action == RiskAction.BLOCK || action == RiskAction.PAUSE_INSTANCE;
    }

    public boolean pauses() {
        return action == RiskAction.PAUSE_INSTANCE;
    }
}
