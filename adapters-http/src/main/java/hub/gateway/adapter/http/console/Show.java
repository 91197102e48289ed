package hub.gateway.adapter.http.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * How the templates write what is not text already: times (in the account's zone, UTC kept for the hover), absent
 * values, numbers. Formatting only; every value shown was computed by a use case.
 */
public final class Show {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter UTC = LOCAL.withZone(ZoneOffset.UTC);

    private Show() {
    }

    /** The machine-readable form for {@code <time datetime>}: ISO-8601 in UTC, to the second. */
    public static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** {@code 2026-05-08 13:00:30 (Asia/Riyadh)}: what a reviewer reads, in the account's own zone. */
    public static String local(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone)) + " (" + zone(zone) + ")";
    }

    /** A zone's IANA name; UTC as {@code UTC} (the JDK calls its offset {@code Z}). */
    public static String zone(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** {@code 2026-05-08 10:00:30 UTC}: the hover text of every time, and the text where no account is involved. */
    public static String utc(Instant at) {
        return UTC.format(at) + " UTC";
    }

    /** An absent value as a dash. */
    public static String orDash(Optional<String> value) {
        return value.filter(v -> !v.isEmpty()).orElse("—");
    }

    /** {@code used / limit}. */
    public static String of(long used, long limit) {
        return used + " / " + limit;
    }
}
