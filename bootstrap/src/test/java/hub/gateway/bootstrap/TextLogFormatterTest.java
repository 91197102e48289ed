package hub.gateway.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text lines are exactly those SimpleFormatter writes with the gateway's pattern, without its stack walk. */
class TextLogFormatterTest {
    private static final String PROPERTY = "java.util.logging.SimpleFormatter.format";
    private String before;

    @BeforeEach
    void thePattern() {
        before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, TextLogFormatter.PATTERN);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void everyRecordReadsAsSimpleFormattersLine() {
        SimpleFormatter simple = new SimpleFormatter();
        TextLogFormatter text = new TextLogFormatter();
        for (LogRecord record : records()) {
            assertEquals(simple.format(record), text.format(record), record.getMessage());
        }
    }

    @Test
    void aLineStartsWithItsMomentAndLevel() {
        LogRecord record = new LogRecord(Level.INFO, "POST /api/send-message 200 3ms request_id=r1");
        record.setLoggerName("hub.gateway.adapter.http.access");
        record.setInstant(Instant.parse("2026-12-07T21:26:03.120Z"));
        assertEquals("2026-12-07T21:26:03.120+0000 INFO hub.gateway.adapter.http.access: "
                + "POST /api/send-message 200 3ms request_id=r1" + System.lineSeparator(),
                new TextLogFormatter(ZoneOffset.UTC).format(record));
        assertEquals("2026-12-08T00:56:03.120+0330 INFO hub.gateway.adapter.http.access: "
                + "POST /api/send-message 200 3ms request_id=r1" + System.lineSeparator(),
                new TextLogFormatter(ZoneId.of("Asia/Tehran")).format(record));
    }

    private static List<LogRecord> records() {
        LogRecord plain = new LogRecord(Level.INFO, "stopping: finishing requests in flight");
        plain.setLoggerName("hub.gateway.bootstrap.Main");
        plain.setInstant(Instant.parse("2026-12-07T21:26:03.007Z"));
        LogRecord parameters = new LogRecord(Level.WARNING, "instance {0} names transport ''{1}''");
        parameters.setParameters(new Object[]{"inst_1", "evolution"});
        parameters.setLoggerName("hub.gateway.application");
        parameters.setInstant(Instant.parse("2026-01-31T23:59:59.999Z"));
        LogRecord thrown = new LogRecord(Level.SEVERE, "unexpected failure, request_id=r2");
        thrown.setLoggerName("hub.gateway.adapter.http.errors");
        thrown.setThrown(new IllegalStateException("boom", new RuntimeException("cause")));
        thrown.setInstant(Instant.parse("2026-06-15T08:00:00Z"));
        LogRecord fine = new LogRecord(Level.FINE, "a percent % and a dollar $1 stay as written");
        fine.setLoggerName("x");
        return List.of(plain, parameters, thrown, fine);
    }
}
