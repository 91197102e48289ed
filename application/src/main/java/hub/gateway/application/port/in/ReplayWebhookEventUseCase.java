package hub.gateway.application.port.in;

/** An operator puts a dead event back in line for delivery. */
public interface ReplayWebhookEventUseCase {
    /** False when the instance has no dead event with that id. */
    boolean replay(String instanceId, long eventId);
}
