package hub.gateway.bootstrap;

import io.helidon.logging.common.HelidonMdc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code GATEWAY_LOG_FORMAT=json} (contract §11): one JSON object per line, {@code ts}, {@code level},
 * {@code logger}, {@code message} (and {@code exception} with its stack trace), then the request's fields that the
 * HTTP edge put in Helidon's logging MDC while the line was written: {@code request_id}, {@code trace_id},
 * {@code method}, {@code route}, {@code status}, {@code duration_ms}, {@code instance_id}, {@code outcome}. A field
 * the line has no value for is left out; {@code status} and {@code duration_ms} are numbers.
 * <p>
 * Decision: not Helidon's {@code HelidonJsonFormatter} (helidon-logging-jul 4.1.2), though its MDC is what carries
 * the fields here. It writes every value as a string (status and duration too), its timestamp as epoch
 * milliseconds, its fields come from a LogManager-wide property, and it pastes MDC values into a
 * {@code String.format} pattern before formatting: a value holding {@code %} or {@code $} throws in the formatter
 * and the line is lost. Thirty lines of ours write what the contract names, escaped, and nothing else.
 * <p>
 * What a message says is its writer's: the gateway's loggers already mask phone numbers and never log keys or
 * tokens, and this format changes no message, it only escapes it (a message's newlines stay inside its line).
 */
final class JsonLogFormatter extends Formatter {
    private static final List<String> REQUEST_FIELDS =
            List.of("request_id", "trace_id", "method", "route", "status", "duration_ms", "instance_id", "outcome");
    private static final Set<String> NUMBERS = Set.of("status", "duration_ms");

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        field(line, "ts", record.getInstant().toString());
        line.append(',');
        field(line, "level", level(record.getLevel()));
        line.append(',');
        field(line, "logger", record.getLoggerName() == null ? "" : record.getLoggerName());
        line.append(',');
        field(line, "message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(out);
            }
            line.append(',');
            field(line, "exception", trace.toString());
        }
        for (String name : REQUEST_FIELDS) {
            var value = HelidonMdc.get(name);
            if (value.isPresent()) {
                line.append(',');
                if (NUMBERS.contains(name) && isWholeNumber(value.get())) {
                    quoted(line, name).append(':').append(value.get());
                } else {
                    field(line, name, value.get());
                }
            }
        }
        return line.append("}\n").toString();
    }

    /** The names most log tools know, rather than java.util.logging's SEVERE and FINE. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    private static boolean isWholeNumber(String value) {
        return !value.isEmpty() && value.length() < 19 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static void field(StringBuilder line, String name, String value) {
        quoted(line, name).append(':');
        quoted(line, value);
    }

    /** A JSON string: quote, backslash and every control character escaped, so a line stays one line. */
    private static StringBuilder quoted(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
