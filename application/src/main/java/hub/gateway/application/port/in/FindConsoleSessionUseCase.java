package hub.gateway.application.port.in;

import java.util.Optional;

/**
 * The live session behind a cookie value, its idle time renewed. Empty when there is none: never started, signed
 * out, idle for 8 hours, its operator revoked (on any node, seen at once), or the built-in admin's token changed.
 */
public interface FindConsoleSessionUseCase {
    Optional<ActiveConsoleSession> find(String sessionId);
}
