package hub.gateway.adapter.persistence;

import hub.gateway.adapter.persistence.SecretSealer.UnreadableSecret;
import hub.gateway.testdb.TestSecretKeys;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-256-GCM sealing of transport secrets (contract §13), without a database. */
class SecretSealerTest {
    private static final String TOKEN = "EAAGm0PX4ZCpsBA-secret-token";
    private static final String PLACE = SecretSealer.place(PgInstances.ACCESS_TOKEN, "inst-1");

    private static final SecretSealer CURRENT = sealer(TestSecretKeys.BASE64, null);
    private static final SecretSealer OTHER = sealer(TestSecretKeys.OTHER_BASE64, null);
    private static final SecretSealer ROTATED = sealer(TestSecretKeys.OTHER_BASE64, TestSecretKeys.BASE64);

    @Test
    void aSealedSecretOpensToItselfAndNamesItsKeyWithoutShowingTheSecret() throws UnreadableSecret {
        String sealed = CURRENT.seal(TOKEN, PLACE);

        assertTrue(sealed.startsWith("v1:" + CURRENT.currentKeyId() + ":"), sealed);
        assertTrue(CURRENT.currentKeyId().matches("[0-9a-f]{8}"), CURRENT.currentKeyId());
        assertFalse(sealed.contains(TOKEN));
        assertFalse(new String(Base64.getDecoder().decode(sealed.split(":")[2]), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(TOKEN), "the payload is not the token in base64 either");
        assertEquals(TOKEN, CURRENT.open(sealed, PLACE));
        assertTrue(CURRENT.sealedUnderCurrentKey(sealed));
    }

    @Test
    void everySealUsesAFreshNonce() throws UnreadableSecret {
        String first = CURRENT.seal(TOKEN, PLACE);
        String second = CURRENT.seal(TOKEN, PLACE);

        assertNotEquals(first, second);
        assertNotEquals(payload(first).substring(0, 16), payload(second).substring(0, 16), "the nonces differ");
        assertEquals(CURRENT.open(first, PLACE), CURRENT.open(second, PLACE));
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = CURRENT.seal(TOKEN, PLACE);

        UnreadableSecret refused = assertThrows(UnreadableSecret.class, () -> OTHER.open(sealed, PLACE));
        assertTrue(refused.getMessage().contains(CURRENT.currentKeyId()), refused.getMessage());
        assertFalse(refused.getMessage().contains(TOKEN));
        assertFalse(OTHER.sealedUnderCurrentKey(sealed));
    }

    @Test
    void aKeyWithTheSameIdButOtherBytesFailsOnTheTag() {
        String sealed = CURRENT.seal(TOKEN, PLACE);
        String relabelled = "v1:" + OTHER.currentKeyId() + ":" + sealed.split(":")[2];

        UnreadableSecret refused = assertThrows(UnreadableSecret.class, () -> OTHER.open(relabelled, PLACE));
        assertTrue(refused.getMessage().contains("tag"), refused.getMessage());
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        String sealed = CURRENT.seal(TOKEN, PLACE);
        byte[] bytes = Base64.getDecoder().decode(sealed.split(":")[2]);
        for (int position : new int[] {0, 12, bytes.length - 1}) {
            byte[] tampered = bytes.clone();
            tampered[position] ^= 0x01;
            String value = "v1:" + CURRENT.currentKeyId() + ":" + Base64.getEncoder().encodeToString(tampered);
            assertThrows(UnreadableSecret.class, () -> CURRENT.open(value, PLACE), "byte " + position + " flipped");
        }
        assertThrows(UnreadableSecret.class, () -> CURRENT.open(sealed.substring(0, sealed.length() - 8), PLACE),
                "cut short");
        assertThrows(UnreadableSecret.class, () -> CURRENT.open("v1:" + CURRENT.currentKeyId() + ":%%%", PLACE));
        assertThrows(UnreadableSecret.class, () -> CURRENT.open("v1:" + CURRENT.currentKeyId() + ":AAAA", PLACE));
        assertThrows(UnreadableSecret.class, () -> CURRENT.open("v1:nokey", PLACE));
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        String sealed = CURRENT.seal(TOKEN, PLACE);

        assertThrows(UnreadableSecret.class,
                () -> CURRENT.open(sealed, SecretSealer.place(PgInstances.ACCESS_TOKEN, "inst-2")));
        assertThrows(UnreadableSecret.class, () -> CURRENT.open(sealed, SecretSealer.place("instance.other", "inst-1")));
    }

    @Test
    void thePreviousKeyStillOpensWhatItSealed() throws UnreadableSecret {
        String sealedBefore = CURRENT.seal(TOKEN, PLACE);

        assertEquals(TOKEN, ROTATED.open(sealedBefore, PLACE));
        assertFalse(ROTATED.sealedUnderCurrentKey(sealedBefore), "due to be sealed again");
        String sealedAfter = ROTATED.seal(TOKEN, PLACE);
        assertTrue(sealedAfter.startsWith("v1:" + OTHER.currentKeyId() + ":"), "new values use the current key");
        assertThrows(UnreadableSecret.class, () -> CURRENT.open(sealedAfter, PLACE));
    }

    @Test
    void aPlainValueFromBeforeSealingOpensAsItself() throws UnreadableSecret {
        assertEquals(TOKEN, CURRENT.open(TOKEN, PLACE));
        assertFalse(CURRENT.sealedUnderCurrentKey(TOKEN));
    }

    @Test
    void anUnreadableValueIsReportedAsUnsetAndLeavesOtherRowsAlone() {
        String foreign = OTHER.seal(TOKEN, PLACE);

        assertEquals(Optional.empty(), CURRENT.openOrReport(foreign, PgInstances.ACCESS_TOKEN, "inst-1"));
        assertEquals(Optional.of(TOKEN), CURRENT.openOrReport(CURRENT.seal(TOKEN, SecretSealer.place(
                PgInstances.ACCESS_TOKEN, "inst-2")), PgInstances.ACCESS_TOKEN, "inst-2"));
    }

    @Test
    void keysMustBe32BytesForAes() {
        assertThrows(IllegalArgumentException.class, () -> new PostgresPersistence.SecretKeys(
                new javax.crypto.spec.SecretKeySpec(new byte[16], "AES"), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new PostgresPersistence.SecretKeys(
                TestSecretKeys.key(TestSecretKeys.BASE64),
                Optional.of(new javax.crypto.spec.SecretKeySpec(new byte[31], "AES"))));
        String shown = TestSecretKeys.keys().toString();
        assertFalse(shown.contains(TestSecretKeys.BASE64), shown);
        assertTrue(shown.contains(CURRENT.currentKeyId()), shown);
    }

    private static String payload(String sealed) {
        return java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(sealed.split(":")[2]));
    }

    private static SecretSealer sealer(String current, String previous) {
        return new SecretSealer(new PostgresPersistence.SecretKeys(TestSecretKeys.key(current),
                Optional.ofNullable(previous).map(TestSecretKeys::key)));
    }
}
