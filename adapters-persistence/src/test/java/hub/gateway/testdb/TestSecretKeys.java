package hub.gateway.testdb;

import hub.gateway.adapter.persistence.PostgresPersistence;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Fixed secret keys for tests (contract §13): {@link #BASE64} is what a test gives a gateway as
 * {@code GATEWAY_SECRET_KEY}, {@link #OTHER_BASE64} a second key for rotations. Known to everyone, so test-only.
 */
public final class TestSecretKeys {
    public static final String BASE64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public static final String OTHER_BASE64 = "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoM=";

    private TestSecretKeys() {
    }

    public static SecretKey key(String base64) {
        return new SecretKeySpec(Base64.getDecoder().decode(base64), "AES");
    }

    /** The usual keys: {@link #BASE64}, no previous one. */
    public static PostgresPersistence.SecretKeys keys() {
        return new PostgresPersistence.SecretKeys(key(BASE64), Optional.empty());
    }
}
