package hub.gateway.application.port.out;

public interface StorageHealth {
    /** Answers within a few seconds, never hangs. */
    boolean isReachable();
}
