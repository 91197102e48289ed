package hub.gateway.domain.quota;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UsageWindowsTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");

    @Test
    void daysAndMonthsAreCalendarDaysInTheAccountsTimeZone() {
        // 22:30 UTC on 31 May is already 1 June, 01:30, in Riyadh (UTC+3).
        Instant now = Instant.parse("2026-05-31T22:30:00Z");
        UsageWindows riyadh = UsageWindows.at(now, RIYADH);
        assertEquals(LocalDate.of(2026, 6, 1), riyadh.day());
        assertEquals(LocalDate.of(2026, 6, 1), riyadh.monthStart());
        assertEquals(Instant.parse("2026-06-01T21:00:00Z"), riyadh.dayEnds());

        UsageWindows utc = UsageWindows.at(now, ZoneOffset.UTC);
        assertEquals(LocalDate.of(2026, 5, 31), utc.day());
        assertEquals(LocalDate.of(2026, 5, 1), utc.monthStart());
    }

    @Test
    void retryAfterPointsAtTheNextBoundaryRoundedUp() {
        UsageWindows windows = UsageWindows.at(Instant.parse("2026-05-31T23:59:30.250Z"), ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(30), windows.untilNextMinute());
        assertEquals(Duration.ofSeconds(30), windows.untilNextDay());
        assertEquals(Duration.ofSeconds(30), windows.untilNextMonth());
        assertEquals(Instant.parse("2026-05-31T23:59:00Z"), windows.minuteStart());
    }

    @Test
    void retryAfterIsNeverZero() {
        UsageWindows windows = UsageWindows.at(Instant.parse("2026-05-31T10:00:00Z"), ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(60), windows.untilNextMinute());
    }

    @Test
    void aWindowsLengthIsTheCurrentCalendarWindowsInTheAccountsTimeZone() {
        UsageWindows may = UsageWindows.at(Instant.parse("2026-05-08T10:00:30Z"), RIYADH);
        assertEquals(Duration.ofHours(24), may.dayLength());
        assertEquals(Duration.ofDays(31), may.monthLength());
        assertEquals(Duration.ofDays(28), UsageWindows.at(Instant.parse("2026-02-10T10:00:00Z"), RIYADH).monthLength());
        assertEquals(Duration.ofDays(30), UsageWindows.at(Instant.parse("2026-11-10T10:00:00Z"), RIYADH).monthLength());
    }

    @Test
    void aDayOfAClockChangeIsAnHourShorterOrLonger() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 29 March 2026: clocks go forward at 02:00; 25 October 2026: back at 03:00.
        UsageWindows spring = UsageWindows.at(Instant.parse("2026-03-29T12:00:00Z"), berlin);
        assertEquals(Duration.ofHours(23), spring.dayLength());
        assertEquals(Duration.ofDays(31).minusHours(1), spring.monthLength());
        UsageWindows autumn = UsageWindows.at(Instant.parse("2026-10-25T12:00:00Z"), berlin);
        assertEquals(Duration.ofHours(25), autumn.dayLength());
        assertEquals(Duration.ofDays(31).plusHours(1), autumn.monthLength());
        // The time until the reset never exceeds the window's length, even in its first second.
        UsageWindows autumnMidnight = UsageWindows.at(Instant.parse("2026-10-24T22:00:00Z"), berlin);
        assertEquals(autumnMidnight.dayLength(), autumnMidnight.untilNextDay());
    }
}
