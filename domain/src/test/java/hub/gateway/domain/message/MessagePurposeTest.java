package hub.gateway.domain.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagePurposeTest {
    @ParameterizedTest
    @ValueSource(strings = {"transactional", "TRANSACTIONAL", " Support ", "internal_team", "Authentication", "operational"})
    void allowedPurposesAreRecognisedCaseInsensitively(String declared) {
        assertTrue(MessagePurpose.fromWireName(declared).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"marketing", "PROMOTION", "cold_outreach", "Bulk_Campaign", "political"})
    void theSeedsDisallowedPurposesAreKnownAsDisallowed(String declared) {
        assertTrue(MessagePurpose.fromWireName(declared).isEmpty());
        assertTrue(MessagePurpose.isDisallowed(declared));
    }

    @Test
    void anUnknownPurposeIsNeitherAllowedNorOnTheDisallowedList() {
        assertTrue(MessagePurpose.fromWireName("newsletter").isEmpty());
        assertFalse(MessagePurpose.isDisallowed("newsletter"));
    }

    @Test
    void allowedWireNamesAreTheSeedsList() {
        assertEquals(java.util.List.of("transactional", "operational", "support", "internal_team", "authentication"),
                MessagePurpose.allowedWireNames());
    }
}
