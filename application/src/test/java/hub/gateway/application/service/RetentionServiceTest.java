package hub.gateway.application.service;

import hub.gateway.application.port.out.ExpiredRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The retention sweep's cutoffs: the log's retention for what the log holds, 24 hours for idempotency keys, 8 idle hours for console sessions. */
class RetentionServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void eachKindIsCutAtItsOwnAgeInSmallBatchesAndTheRoundCountsWhatWentAway() {
        List<String> calls = new ArrayList<>();
        ExpiredRecords records = new ExpiredRecords() {
            @Override
            public int removeMessagesBefore(Instant cutoff, int batch) {
                calls.add("messages " + cutoff + " " + batch);
                return 3;
            }

            @Override
            public int removeRiskEventsBefore(Instant cutoff, int batch) {
                calls.add("risk events " + cutoff + " " + batch);
                return 0;
            }

            @Override
            public int removeWebhookEventsBefore(Instant cutoff, int batch) {
                calls.add("webhook events " + cutoff + " " + batch);
                return 2;
            }

            @Override
            public int removeIdempotencyKeysBefore(Instant cutoff, int batch) {
                calls.add("idempotency keys " + cutoff + " " + batch);
                return 5;
            }

            @Override
            public int removeConsoleSessionsIdleBefore(Instant cutoff, int batch) {
                calls.add("console sessions " + cutoff + " " + batch);
                return 1;
            }
        };
        RetentionService sweep = new RetentionService(records, Duration.ofDays(400), Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(11, sweep.sweepOnce());
        assertEquals(List.of(
                "messages 2025-10-25T12:00:00Z 1000",
                "risk events 2025-10-25T12:00:00Z 1000",
                "webhook events 2025-10-25T12:00:00Z 1000",
                "idempotency keys 2026-11-28T12:00:00Z 1000",
                "console sessions 2026-11-29T04:00:00Z 1000"), calls);
    }

    @Test
    void aRetentionShorterThanADayWouldCutIntoOpenWindowsAndIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetentionService(null, Duration.ofHours(23), Clock.systemUTC()));
    }
}
