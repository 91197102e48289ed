package hub.gateway.application.service;

import hub.gateway.application.port.in.SweepExpiredRecordsUseCase;
import hub.gateway.application.port.out.ExpiredRecords;
import hub.gateway.application.port.out.IdempotencyKeys;

import hub.gateway.domain.operator.ConsoleSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Contract §10's retention: message-log rows (with their history and risk events), finished webhook events and
 * standalone risk events live {@code GATEWAY_LOG_RETENTION_DAYS}; idempotency keys live the 24 hours their
 * answer is replayed. A retention of at least a day is longer than every window the limits (a calendar month
 * at most), the duplicate-content rule and the behaviour facts count in, so no open window loses a row. Console
 * sessions go once idle past their expiry; the operator audit log is kept for good (it is the record of who did
 * what, and small: one row per operator change).
 */
final class RetentionService implements SweepExpiredRecordsUseCase {
    /** Small enough that a batch's transaction is short (tens of milliseconds), large enough to keep up. */
    static final int BATCH = 1_000;

    private final ExpiredRecords records;
    private final Duration retention;
    private final Clock clock;

    RetentionService(ExpiredRecords records, Duration retention, Clock clock) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention must be at least one day, was " + retention);
        }
        this.records = records;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public int sweepOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        return records.removeMessagesBefore(cutoff, BATCH)
                + records.removeRiskEventsBefore(cutoff, BATCH)
                + records.removeWebhookEventsBefore(cutoff, BATCH)
                + records.removeIdempotencyKeysBefore(now.minus(IdempotencyKeys.RETAINED), BATCH)
                + records.removeConsoleSessionsIdleBefore(now.minus(ConsoleSession.IDLE_EXPIRY), BATCH);
    }
}
