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
                           Instant dayEnds,
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
                day.plusDays(1).atStartOfDay(zone).toInstant(),
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

    /** Retry-After is in whole seconds; rounding up never invites a client back too early. */
    private static Duration roundedUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
