package hub.gateway.application.port.out;

/**
 * The database connections this node holds, as its pool sees them now. Read from the pool's own counters, never
 * from the database: it answers at once, also while the database is gone.
 */
public interface StorageConnections {
    Counts now();

    /**
     * @param active  lent out, running a statement or held by a caller
     * @param idle    open and waiting in the pool
     * @param pending callers waiting for a connection (the pool is exhausted while this is above 0)
     */
    record Counts(int active, int idle, int pending) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }
}
