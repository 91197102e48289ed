package hub.gateway.domain.suppression;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuppressionTest {
    private static final InstanceId LINE = new InstanceId("line");
    private static final PhoneNumber PHONE = PhoneNumber.parse("+966501234567").orElseThrow();

    @Test
    void aRecipientsStopLetsOnlyAuthenticationThrough() {
        for (MessagePurpose purpose : MessagePurpose.values()) {
            assertTrue(SuppressionReason.RECIPIENT_REQUESTED_STOP.blocks(purpose) == (purpose != MessagePurpose.AUTHENTICATION), purpose.name());
            assertTrue(SuppressionReason.BLOCKED.blocks(purpose), purpose.name());
        }
    }

    @Test
    void onlyTheRecipientLiftsTheirStop() {
        Suppression stop = new Suppression(LINE, PHONE, SuppressionReason.RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT, Instant.EPOCH);
        assertTrue(stop.canBeLiftedBy(SuppressedBy.RECIPIENT));
        assertFalse(stop.canBeLiftedBy(SuppressedBy.CLIENT));
        assertFalse(stop.canBeLiftedBy(SuppressedBy.ADMIN));
    }

    @Test
    void aClientLiftsItsOwnBlocksAndAnOperatorAnyBlock() {
        Suppression byClient = new Suppression(LINE, PHONE, SuppressionReason.BLOCKED, SuppressedBy.CLIENT, Instant.EPOCH);
        Suppression byAdmin = new Suppression(LINE, PHONE, SuppressionReason.BLOCKED, SuppressedBy.ADMIN, Instant.EPOCH);
        assertTrue(byClient.canBeLiftedBy(SuppressedBy.CLIENT));
        assertTrue(byClient.canBeLiftedBy(SuppressedBy.ADMIN));
        assertFalse(byAdmin.canBeLiftedBy(SuppressedBy.CLIENT));
        assertFalse(byClient.canBeLiftedBy(SuppressedBy.RECIPIENT));
    }

    @Test
    void onlyARecipientStopsAndARecipientOnlyStops() {
        assertThrows(IllegalArgumentException.class,
                () -> new Suppression(LINE, PHONE, SuppressionReason.BLOCKED, SuppressedBy.RECIPIENT, Instant.EPOCH));
        assertThrows(IllegalArgumentException.class,
                () -> new Suppression(LINE, PHONE, SuppressionReason.RECIPIENT_REQUESTED_STOP, SuppressedBy.CLIENT, Instant.EPOCH));
    }
}
