package hub.gateway.domain.send;

import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.send.GateOutcome.Window;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuotaStandingTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    // 10:00:19.5 UTC is 13:00:19.5 in Riyadh, on 8 May.
    private static final UsageWindows WINDOWS = UsageWindows.at(Instant.parse("2026-05-08T10:00:19.500Z"), RIYADH);

    @Test
    void eachWindowHasItsLimitRemainderResetAndLength() {
        QuotaStanding quota = new QuotaStanding(new Limits(100, 2000, 20), new Usage(1, 63, 200), WINDOWS);
        assertEquals(20, quota.limit(Window.MINUTE));
        assertEquals(100, quota.limit(Window.DAY));
        assertEquals(2000, quota.limit(Window.MONTH));
        assertEquals(19, quota.remaining(Window.MINUTE));
        assertEquals(37, quota.remaining(Window.DAY));
        assertEquals(1800, quota.remaining(Window.MONTH));
        assertEquals(Duration.ofSeconds(41), quota.resetsIn(Window.MINUTE));
        // Midnight in Riyadh is 21:00 UTC.
        assertEquals(Duration.ofSeconds(11 * 3600 - 19), quota.resetsIn(Window.DAY));
        assertEquals(Duration.between(WINDOWS.now(), Instant.parse("2026-05-31T21:00:00Z")).plusMillis(500),
                quota.resetsIn(Window.MONTH));
        assertEquals(Duration.ofSeconds(60), quota.length(Window.MINUTE));
        assertEquals(Duration.ofSeconds(86_400), quota.length(Window.DAY));
        assertEquals(Duration.ofSeconds(2_678_400), quota.length(Window.MONTH));
    }

    @Test
    void aLimitLoweredBelowTheCountLeavesNothingNotADebt() {
        QuotaStanding quota = new QuotaStanding(new Limits(10, 2000, 5), new Usage(8, 40, 40), WINDOWS);
        assertEquals(0, quota.remaining(Window.MINUTE));
        assertEquals(0, quota.remaining(Window.DAY));
        assertEquals(1960, quota.remaining(Window.MONTH));
    }
}
