package hub.gateway.bootstrap;

import io.helidon.logging.common.HelidonMdc;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One record in, one line of one JSON object out, whatever the message or the MDC holds. */
class JsonLogFormatterTest {
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @AfterEach
    void cleanMdc() {
        HelidonMdc.clear();
    }

    @Test
    void aRecordIsOneLineWithTheContractsFields() {
        LogRecord record = new LogRecord(Level.WARNING, "line one\nline \"two\"\t\u0001 {0}");
        record.setParameters(new Object[]{"param"});
        record.setLoggerName("hub.gateway.test");
        record.setInstant(Instant.parse("2026-11-29T15:00:00.123Z"));

        JsonObject line = oneLine(formatter.format(record));

        assertEquals("2026-11-29T15:00:00.123Z", line.getString("ts"));
        assertEquals("WARN", line.getString("level"));
        assertEquals("hub.gateway.test", line.getString("logger"));
        assertEquals("line one\nline \"two\"\t\u0001 param", line.getString("message"));
        assertFalse(line.containsKey("request_id"), "no request, no request fields");
        assertFalse(line.containsKey("exception"));
    }

    @Test
    void requestFieldsComeFromTheMdcWithNumbersAsNumbersAndOddCharactersEscaped() {
        HelidonMdc.set("request_id", "req-1");
        HelidonMdc.set("route", "/api/messages/{log_id}");
        HelidonMdc.set("status", "429");
        HelidonMdc.set("duration_ms", "12");
        // Helidon's own JSON formatter pastes MDC values into a format pattern: these would break it.
        HelidonMdc.set("outcome", "50% $1 \\ \"x\"");
        LogRecord record = new LogRecord(Level.INFO, "GET /api/messages/1 429 12ms request_id=req-1");
        record.setLoggerName("hub.gateway.adapter.http.access");

        JsonObject line = oneLine(formatter.format(record));

        assertEquals("req-1", line.getString("request_id"));
        assertEquals("/api/messages/{log_id}", line.getString("route"));
        assertEquals(429, line.getJsonNumber("status").intValueExact());
        assertEquals(12, line.getJsonNumber("duration_ms").intValueExact());
        assertEquals("50% $1 \\ \"x\"", line.getString("outcome"));
        assertFalse(line.containsKey("trace_id"));
    }

    @Test
    void anExceptionKeepsItsStackTraceInsideTheLine() {
        LogRecord record = new LogRecord(Level.SEVERE, "unexpected failure, request_id=r");
        record.setLoggerName("hub.gateway.adapter.http.errors");
        record.setThrown(new IllegalStateException("broken"));

        JsonObject line = oneLine(formatter.format(record));

        assertEquals("ERROR", line.getString("level"));
        assertTrue(line.getString("exception").startsWith("java.lang.IllegalStateException: broken"),
                line.getString("exception"));
    }

    @Test
    void levelsUseTheNamesLogToolsKnow() {
        assertEquals("ERROR", JsonLogFormatter.level(Level.SEVERE));
        assertEquals("WARN", JsonLogFormatter.level(Level.WARNING));
        assertEquals("INFO", JsonLogFormatter.level(Level.INFO));
        assertEquals("DEBUG", JsonLogFormatter.level(Level.CONFIG));
        assertEquals("DEBUG", JsonLogFormatter.level(Level.FINE));
        assertEquals("TRACE", JsonLogFormatter.level(Level.FINEST));
    }

    @Test
    void textLeavesTheHandlersFormatAsItIs() {
        StreamHandler handler = new StreamHandler(new ByteArrayOutputStream(), new SimpleFormatter());
        var before = handler.getFormatter();
        Logger logger = Logger.getAnonymousLogger();
        logger.addHandler(handler);
        LogFormat.TEXT.applyTo(logger);
        assertSame(before, handler.getFormatter());
        LogFormat.JSON.applyTo(logger);
        assertTrue(handler.getFormatter() instanceof JsonLogFormatter);
    }

    private static JsonObject oneLine(String formatted) {
        assertTrue(formatted.endsWith("\n"), formatted);
        assertEquals(formatted.length() - 1, formatted.indexOf('\n'), "one line: " + formatted);
        try (var reader = Json.createReader(new StringReader(formatted))) {
            return reader.readObject();
        }
    }
}
