package hub.gateway.application.port.out;

import java.time.Instant;

/**
 * Removes records past their retention, oldest first, at most {@code batch} of a kind per call, each call one
 * short transaction that skips rows another node is removing at the same moment. Every method answers how
 * many rows it removed. Only records of windows that have ended are touched: a cutoff is always older than
 * any window the limits or the risk rules still count in.
 */
public interface ExpiredRecords {
    /** Message-log rows created before {@code cutoff}, with their status history and their risk events. */
    int removeMessagesBefore(Instant cutoff, int batch);

    /** Risk events of no message (a review pause) recorded before {@code cutoff}. */
    int removeRiskEventsBefore(Instant cutoff, int batch);

    /** Client webhook events created before {@code cutoff} whose delivery is over (delivered or given up). */
    int removeWebhookEventsBefore(Instant cutoff, int batch);

    /** Idempotency keys claimed before {@code cutoff}: their first answer is no longer given again. */
    int removeIdempotencyKeysBefore(Instant cutoff, int batch);

    /** Console sessions last used before {@code cutoff}: expired, whatever their operator. */
    int removeConsoleSessionsIdleBefore(Instant cutoff, int batch);
}
