package hub.gateway.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code GATEWAY_LOG_FORMAT=text}, the default: one line per record, {@code 2026-12-07T21:26:03.120+0000 INFO
 * logger.name: message}, then the stack trace of a thrown exception on the lines after — the lines
 * {@code java.util.logging.SimpleFormatter} writes with the pattern {@link Main} gives it ({@link #PATTERN}).
 * <p>
 * Decision: written here rather than left to SimpleFormatter, which asks every record for its source class although
 * the pattern never prints it, and so walks the caller's stack for each of them: on the send path, where every
 * request writes an access line, that walk and the pattern's {@code String.format} were 4% of the gateway's CPU
 * (docs/performance.md). An operator who sets {@code -Djava.util.logging.SimpleFormatter.format} gets
 * SimpleFormatter with that pattern, as before.
 */
final class TextLogFormatter extends Formatter {
    /** The pattern this formatter writes, in SimpleFormatter's words. */
    static final String PATTERN = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private final ZoneId zone;

    TextLogFormatter() {
        this(ZoneId.systemDefault());
    }

    /** @param zone the zone the moments are written in (SimpleFormatter's: the system's) */
    TextLogFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160);
        TIME.formatTo(record.getInstant().atZone(zone), line);
        line.append(' ').append(record.getLevel().getLocalizedName())
                .append(' ').append(record.getLoggerName())
                .append(": ").append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }
}
