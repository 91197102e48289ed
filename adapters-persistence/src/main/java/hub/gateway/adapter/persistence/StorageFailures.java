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

    /**
     * Whether {@code failure} says the server itself is gone (refused or dropped connections, a shut-down
     * server), as opposed to a pool that only had no free connection in time (Hikari's time-out without a
     * cause: every connection was busy) or a server that refuses more connections. Only the first kind takes
     * the node out of service ({@link DatabaseAvailability}).
     */
    static boolean meansOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One line for the log: the innermost cause's type and message (never a URL or credential of ours). */
    static String summary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
