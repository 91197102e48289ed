package hub.gateway.domain.send;

import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Refusals as the domain holds them: facts and a reason, no wire code. */
class RefusalTest {
    private static final UsageWindows WINDOWS = UsageWindows.at(Instant.parse("2026-05-08T10:00:30Z"), ZoneOffset.UTC);
    private static final QuotaStanding QUOTA = new QuotaStanding(new Limits(100, 2000, 20), new Usage(20, 100, 700), WINDOWS);
    /** What the message log records for each kind (the edge's table tells the client; see RefusalAnswersTest). */
    @Test
    void eachRefusalNamesItsReason() {
        assertEquals(RefusalReason.PURPOSE_NOT_ALLOWED, new Refusal.PurposeNotAllowed("marketing", true).reason());
        assertEquals(RefusalReason.MINUTE_LIMIT_REACHED, new Refusal.SendingThrottled(QUOTA).reason());
        assertEquals(RefusalReason.DAILY_LIMIT_REACHED, new Refusal.DailyLimitReached(QUOTA).reason());
        assertEquals(RefusalReason.MONTHLY_LIMIT_REACHED, new Refusal.MonthlyLimitReached(QUOTA).reason());
        assertEquals(RefusalReason.DEADLINE_PASSED, new Refusal.DeadlinePassed().reason());
        assertEquals(RefusalReason.DELIVERY_FAILED, new Refusal.DeliveryFailed(1, "c", "t").reason());
    }

    @Test
    void aValidationRefusalNamesAField() {
        assertThrows(IllegalArgumentException.class, () -> new Refusal.InvalidFields(List.of()));
    }

    @Test
    void exhaustedQuotaBecomesTheRefusalOfItsWindow() {
        Limits limits = new Limits(100, 2000, 20);
        Refusal.SendingThrottled throttled = assertInstanceOf(Refusal.SendingThrottled.class, GateOutcome.refusalFor(
                new GateOutcome.Exhausted(GateOutcome.Window.MINUTE, 20, 20, 1, new Usage(20, 37, 700)), limits, WINDOWS));
        assertEquals(new Refusal.SendingThrottled(new QuotaStanding(limits, new Usage(20, 37, 700), WINDOWS)), throttled);
        assertEquals(20, throttled.limit());
        assertEquals(20, throttled.used());
        assertEquals(Duration.ofSeconds(30), throttled.retryAfter());
        Refusal.DailyLimitReached daily = assertInstanceOf(Refusal.DailyLimitReached.class, GateOutcome.refusalFor(
                new GateOutcome.Exhausted(GateOutcome.Window.DAY, 100, 100, 1, new Usage(3, 100, 700)), limits, WINDOWS));
        assertEquals(100, daily.limit());
        assertEquals(100, daily.used());
        assertEquals(Duration.ofSeconds(14 * 3600 - 30), daily.retryAfter());
        Refusal.MonthlyLimitReached monthly = assertInstanceOf(Refusal.MonthlyLimitReached.class, GateOutcome.refusalFor(
                new GateOutcome.Exhausted(GateOutcome.Window.MONTH, 2000, 2000, 1, new Usage(3, 37, 2000)), limits, WINDOWS));
        assertEquals(2000, monthly.limit());
        assertEquals(2000, monthly.used());
        assertEquals(Duration.between(Instant.parse("2026-05-08T10:00:30Z"), Instant.parse("2026-06-01T00:00:00Z")),
                monthly.retryAfter());
    }
}
