package hub.gateway.application.port.in;

/** Whether the gateway can serve: its database migrated and reachable. */
public interface CheckReadinessUseCase {
    boolean isReady();
}
