package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells "the database is out of reach" (the edge answers 503 and the client retries) apart from every other
 * failure (a bug: 500). Only the first kind becomes {@link StorageUnavailableException}.
 */
final class StorageFailures {
    /** SQLState classes and codes that mean the server is gone, going, or not accepting us right now. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300"  // too_many_connections
    );

    private StorageFailures() {
    }

    static RuntimeException translate(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageUnavailableException unavailable) {
                return unavailable;
            }
            if (meansUnreachable(cause)) {
                return new StorageUnavailableException("database unreachable", failure);
            }
        }
        return failure;
    }

    private static boolean meansUnreachable(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ConnectException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
        }
        return false;
    }
}
