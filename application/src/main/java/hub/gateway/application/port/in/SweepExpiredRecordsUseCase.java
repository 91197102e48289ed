package hub.gateway.application.port.in;

/**
 * Contract §10, "data does not grow without bound": one round of the retention sweep, which every node runs on
 * a timer. A round removes at most one small batch of each kind of record past its retention, so that it never
 * holds a lock for long; a backlog is worked off in consecutive rounds.
 */
public interface SweepExpiredRecordsUseCase {
    /** @return how many records this round removed; 0 when nothing is due */
    int sweepOnce();
}
