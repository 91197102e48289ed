package hub.gateway.adapter.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the access log shows of a path: one printable line, no whole phone number. */
class LoggedPathsTest {

    @Test
    void aPhoneNumberInThePathKeepsOnlyItsLastTwoDigits() {
        assertEquals("/api/suppressions/shop-line/%2B**********67", LoggedPaths.of("/api/suppressions/shop-line/%2B96650123456" + "7"));
        assertEquals("/api/suppressions/shop-line/+**********67", LoggedPaths.of("/api/suppressions/shop-line/+966501234567"));
    }

    @Test
    void shortNumbersSuchAsLogIdsStayReadable() {
        assertEquals("/api/messages/123456", LoggedPaths.of("/api/messages/123456"));
        assertEquals("/admin/instances/inst-42/webhook-deliveries/7/replay",
                LoggedPaths.of("/admin/instances/inst-42/webhook-deliveries/7/replay"));
    }

    @Test
    void controlCharactersAndNonAsciiCannotForgeOrBreakALogLine() {
        assertEquals("/api/usage?FAKE?LINE??", LoggedPaths.of("/api/usage\nFAKE LINE\r\u00e9"));
        String long_ = LoggedPaths.of("/" + "a".repeat(5_000));
        assertTrue(long_.length() <= 201, long_);
    }
}
