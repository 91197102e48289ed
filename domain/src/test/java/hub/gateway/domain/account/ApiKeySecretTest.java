package hub.gateway.domain.account;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeySecretTest {
    @Test
    void keysHaveAPublicPrefixAndAreNeverAlike() {
        SecureRandom random = new SecureRandom();
        ApiKeySecret first = ApiKeySecret.generate(random);
        ApiKeySecret second = ApiKeySecret.generate(random);
        assertTrue(first.value().startsWith("gk_live_"));
        assertEquals(48, first.value().length());
        assertNotEquals(first, second);
        assertEquals(16, first.visiblePrefix().length());
        assertFalse(first.toString().contains(first.value()), "toString never shows the whole key");
    }

    @Test
    void theHashIsTheSha256OfTheWholeKey() {
        // sha256("abc"), a published test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", new ApiKeySecret("abc").hash().hex());
        assertTrue(new ApiKeySecret("abc").hash().matches(new ApiKeySecret("abc").hash()));
        assertFalse(new ApiKeySecret("abc").hash().matches(new ApiKeySecret("abd").hash()));
    }
}
