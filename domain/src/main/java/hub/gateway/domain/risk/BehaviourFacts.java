package hub.gateway.domain.risk;

/**
 * What an instance has done lately, as the risk rules need it.
 *
 * @param recentDeliveries   transport outcomes counted (the last N sends that reached the transport)
 * @param recentFailures     how many of those failed
 * @param optOuts            recipients who opted out within the opt-out window
 * @param distinctRecipients distinct recipients messaged within the opt-out window (0 when too few opted out
 *                           for the opt-out share to matter: see RiskFacts)
 */
public record BehaviourFacts(int recentDeliveries, int recentFailures, int optOuts, int distinctRecipients) {
    public static final BehaviourFacts NONE = new BehaviourFacts(0, 0, 0, 0);
}
