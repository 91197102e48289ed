package hub.gateway.domain.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The three windows a send counts in at one moment: the current minute (for speed), and the calendar day
 * and month in the account's time zone (for fair use), with the instants at which each ends.
 */
public record UsageWindows(Instant now,
                           Instant minuteStart,
                           LocalDate day,
                           LocalDate monthStart,
                           Instant minuteEnds,
                           Instant dayStarts,
                           Instant dayEnds,
                           Instant monthStarts,
                           Instant monthEnds) {
    public UsageWindows {
        Objects.requireNonNull(now);
        Objects.requireNonNull(minuteStart);
        Objects.requireNonNull(day);
        Objects.requireNonNull(monthStart);
    }

    public static UsageWindows at(Instant now, ZoneId zone) {
        Instant minuteStart = now.truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = LocalDate.ofInstant(now, zone);
        LocalDate monthStart = day.withDayOfMonth(1);
        return new UsageWindows(
                now,
                minuteStart,
                day,
                monthStart,
                minuteStart.plus(1, ChronoUnit.MINUTES),
                day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant(),
                monthStart.atStartOfDay(zone).toInstant(),
                monthStart.plusMonths(1).atStartOfDay(zone).toInstant());
    }

    public Duration untilNextMinute() {
        return roundedUp(Duration.between(now, minuteEnds));
    }

    public Duration untilNextDay() {
        return roundedUp(Duration.between(now, dayEnds));
    }

    public Duration untilNextMonth() {
        return roundedUp(Duration.between(now, monthEnds));
    }

    /**
     * The current day's length in the account's time zone: 86,400 seconds, or an hour less or more on the day its
     * clocks change (a time zone that skips or repeats another span gets that span).
     */
    public Duration dayLength() {
        return Duration.between(dayStarts, dayEnds);
    }

    /** The current calendar month's length in the account's time zone: 28 to 31 days, and its clock change. */
    public Duration monthLength() {
        return Duration.between(monthStarts, monthEnds);
    }

    /** Retry-After is in whole seconds; rounding up never invites a client back too early. */
    private static Duration roundedUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
