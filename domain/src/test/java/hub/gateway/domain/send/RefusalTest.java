package hub.gateway.domain.send;

import hub.gateway.domain.quota.UsageWindows;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Refusals as the domain holds them: facts and a reason, no wire code. */
class RefusalTest {
    /** What the message log records for each kind (the edge's table tells the client; see RefusalAnswersTest). */
    @Test
    void eachRefusalNamesItsReason() {
        assertEquals(RefusalReason.PURPOSE_NOT_ALLOWED, new Refusal.PurposeNotAllowed("marketing", true).reason());
        assertEquals(RefusalReason.MINUTE_LIMIT_REACHED, new Refusal.SendingThrottled(20, 20, Duration.ofSeconds(5)).reason());
        assertEquals(RefusalReason.DAILY_LIMIT_REACHED, new Refusal.DailyLimitReached(100, 100, Duration.ofHours(1)).reason());
        assertEquals(RefusalReason.MONTHLY_LIMIT_REACHED, new Refusal.MonthlyLimitReached(1, 1, Duration.ofDays(1)).reason());
        assertEquals(RefusalReason.DEADLINE_PASSED, new Refusal.DeadlinePassed().reason());
        assertEquals(RefusalReason.DELIVERY_FAILED, new Refusal.DeliveryFailed(1, "c", "t").reason());
    }

    @Test
    void aValidationRefusalNamesAField() {
        assertThrows(IllegalArgumentException.class, () -> new Refusal.InvalidFields(List.of()));
    }

    @Test
    void exhaustedQuotaBecomesTheRefusalOfItsWindow() {
        UsageWindows windows = UsageWindows.at(java.time.Instant.parse("2026-05-08T10:00:30Z"), java.time.ZoneOffset.UTC);
        Refusal throttled = GateOutcome.refusalFor(new GateOutcome.Exhausted(GateOutcome.Window.MINUTE, 20, 20, 1), windows);
        assertEquals(new Refusal.SendingThrottled(20, 20, Duration.ofSeconds(30)), throttled);
        Refusal daily = GateOutcome.refusalFor(new GateOutcome.Exhausted(GateOutcome.Window.DAY, 100, 100, 1), windows);
        assertEquals(new Refusal.DailyLimitReached(100, 100, Duration.ofSeconds(14 * 3600 - 30)), daily);
    }
}
