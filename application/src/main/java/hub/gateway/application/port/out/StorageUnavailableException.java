package hub.gateway.application.port.out;

/**
 * The database could not be reached in time. Adapters throw it instead of waiting; the edge answers 503
 * so that a client retries rather than hangs.
 */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
