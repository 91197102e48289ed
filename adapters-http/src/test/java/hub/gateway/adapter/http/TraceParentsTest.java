package hub.gateway.adapter.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The trace id of a W3C traceparent header, and nothing from a header that is not one. */
class TraceParentsTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void aValidHeaderGivesItsTraceId() {
        assertEquals(Optional.of(TRACE), TraceParents.traceId("00-" + TRACE + "-00f067aa0ba902b7-01"));
        assertEquals(Optional.of(TRACE), TraceParents.traceId("00-" + TRACE + "-00f067aa0ba902b7-00"));
        // A later version may add fields after the flags.
        assertEquals(Optional.of(TRACE), TraceParents.traceId("01-" + TRACE + "-00f067aa0ba902b7-01-more"));
    }

    @Test
    void anythingElseGivesNone() {
        for (String header : new String[]{
                "", "garbage", TRACE,
                "00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01",
                "ff-" + TRACE + "-00f067aa0ba902b7-01",
                "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01",
                "00-" + TRACE + "-" + "0".repeat(16) + "-01",
                "00-" + TRACE + "-00f067aa0ba902b7-01-extra",
                "00-" + TRACE + "\n-00f067aa0ba902b7-01",
                "00-" + TRACE + "-00f067aa0ba902b7-01" + "x".repeat(600)}) {
            assertEquals(Optional.empty(), TraceParents.traceId(header), header);
        }
    }
}
