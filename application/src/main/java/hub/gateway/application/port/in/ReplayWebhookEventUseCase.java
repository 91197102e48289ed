package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

/** An operator puts a dead event back in line for delivery. */
public interface ReplayWebhookEventUseCase {
    /** False when the instance has no dead event with that id; a replay is audited as {@code by}'s {@code webhook.replay}. */
    boolean replay(String instanceId, long eventId, Operator by);
}
