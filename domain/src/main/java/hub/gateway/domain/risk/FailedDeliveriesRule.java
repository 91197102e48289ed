package hub.gateway.domain.risk;

import java.util.Optional;

/**
 * Pauses an instance whose deliveries fail too often: of its last {@code ofLast} deliveries, at least
 * {@code minimumDeliveries} made, and at least {@code share} of them failed.
 */
public record FailedDeliveriesRule(int ofLast, int minimumDeliveries, double share) {
    /** The name of the signal this rule adds. */
    public static final String SIGNAL = "failed_deliveries";

    public FailedDeliveriesRule {
        if (ofLast < 1 || minimumDeliveries < 1 || !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("failed deliveries: of last " + ofLast + ", minimum "
                    + minimumDeliveries + ", share " + share);
        }
    }

    public Optional<RiskSignal> assess(BehaviourFacts facts) {
        if (facts.recentDeliveries() < minimumDeliveries || facts.recentFailures() < share * facts.recentDeliveries()) {
            return Optional.empty();
        }
        return Optional.of(new RiskSignal(SIGNAL, 100,
                facts.recentFailures() + " of the last " + facts.recentDeliveries() + " deliveries failed"));
    }
}
