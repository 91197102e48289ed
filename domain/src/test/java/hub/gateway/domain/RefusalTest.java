package hub.gateway.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The actions and risk scores the public documentation shows for each refusal. */
class RefusalTest {
    @Test
    void scoresAndActionsFollowTheSeedsExamples() {
        assertScored(new Refusal.PurposeRequired(), "message_purpose_required", "block", 0);
        assertScored(new Refusal.PurposeNotAllowed("marketing", true), "message_purpose_not_allowed", "block", 100);
        assertScored(new Refusal.PurposeNotAllowed("newsletter", false), "message_purpose_not_allowed", "block", 60);
        assertScored(new Refusal.DailyLimitReached(100, 100, Duration.ofHours(1)), "daily_message_limit_exceeded", "block", 90);
        assertScored(new Refusal.MonthlyLimitReached(2000, 2000, Duration.ofDays(1)), "monthly_message_limit_exceeded", "block", 90);
        assertScored(new Refusal.SendingThrottled(20, 20, Duration.ofSeconds(5)), "sending_throttled", "throttle", 65);
        assertScored(new Refusal.InstancePaused(), "instance_paused_for_review", "pause_instance", 100);
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

    private static void assertScored(Refusal refusal, String code, String action, int score) {
        assertEquals(code, refusal.code().wireName());
        assertEquals(action, refusal.action().wireName());
        assertEquals(score, refusal.riskScore());
    }
}
