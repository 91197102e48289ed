package hub.gateway.bootstrap;

import hub.gateway.adapter.persistence.PostgresPersistence;
import hub.gateway.testdb.TestSecretKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GATEWAY_SECRET_KEY and its default (contract §13): a wrong or missing key stops the start, saying which and why. */
class SecretKeySettingsTest {
    private static final String EXTERNAL = "jdbc:postgresql://db:5432/gateway";

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64StopsTheStartNamingTheVariableButNotTheValue() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        for (String wrong : new String[] {"not base64 at all!", tooShort, TestSecretKeys.BASE64 + "AAAA"}) {
            String message = assertThrows(GatewayConfig.ConfigurationException.class,
                    () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_SECRET_KEY", wrong))).getMessage();
            assertTrue(message.startsWith("GATEWAY_SECRET_KEY must be 32 random bytes in base64"), message);
            assertTrue(message.contains("openssl rand -base64 32"), message);
            assertFalse(message.contains(wrong), "the value is never repeated: " + message);
        }
        String previous = assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_SECRET_KEY", TestSecretKeys.BASE64,
                        "GATEWAY_SECRET_KEY_PREVIOUS", tooShort))).getMessage();
        assertTrue(previous.startsWith("GATEWAY_SECRET_KEY_PREVIOUS must be"), previous);
    }

    @Test
    void anExternalDatabaseWithoutAKeyStopsTheStartSayingWhy() {
        String message = assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_DB_URL", EXTERNAL))).getMessage();
        assertTrue(message.startsWith("GATEWAY_SECRET_KEY must be set when GATEWAY_DB_URL names an external database"),
                message);
        assertTrue(message.contains("every node"), message);
        assertThrows(GatewayConfig.ConfigurationException.class, () -> GatewayConfig.fromEnvironment(Map.of(
                "GATEWAY_DB_URL", EXTERNAL, "GATEWAY_SECRET_KEY_PREVIOUS", TestSecretKeys.BASE64)),
                "a previous key alone is not a key to seal under");

        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_DB_URL", EXTERNAL,
                "GATEWAY_SECRET_KEY", " " + TestSecretKeys.BASE64 + "\n", "GATEWAY_SECRET_KEY_PREVIOUS",
                TestSecretKeys.OTHER_BASE64));
        PostgresPersistence.SecretKeys keys = SecretKeySettings.keys(config);
        assertArrayEquals(TestSecretKeys.key(TestSecretKeys.BASE64).getEncoded(), keys.current().getEncoded());
        assertArrayEquals(TestSecretKeys.key(TestSecretKeys.OTHER_BASE64).getEncoded(),
                keys.previous().orElseThrow().getEncoded());
        assertEquals(Optional.empty(), SecretKeySettings.keyFile(config));
        assertFalse(config.toString().contains(TestSecretKeys.BASE64), "the configuration shows no key");
    }

    @Test
    void theEmbeddedDefaultGeneratesItsKeyFileOnceWithMode600AndReusesIt(@TempDir Path dataDir) throws IOException {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_DATA_DIR", dataDir.toString()));
        Path file = dataDir.resolve("secret-key");
        assertFalse(Files.exists(file));

        PostgresPersistence.SecretKeys first = SecretKeySettings.keys(config);
        assertEquals(Optional.of(file), SecretKeySettings.keyFile(config));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).strip()).length);
        assertArrayEquals(first.current().getEncoded(), SecretKeySettings.keys(config).current().getEncoded(),
                "a restart reuses the key");

        GatewayConfig given = GatewayConfig.fromEnvironment(Map.of("GATEWAY_DATA_DIR", dataDir.toString(),
                "GATEWAY_SECRET_KEY", TestSecretKeys.BASE64));
        assertArrayEquals(TestSecretKeys.key(TestSecretKeys.BASE64).getEncoded(),
                SecretKeySettings.keys(given).current().getEncoded(), "GATEWAY_SECRET_KEY wins over the file");
        assertEquals(Optional.empty(), SecretKeySettings.keyFile(given));
    }

    @Test
    void aDamagedKeyFileStopsTheStartRatherThanMakingANewKey(@TempDir Path dataDir) throws IOException {
        Path file = dataDir.resolve("secret-key");
        Files.writeString(file, "half a key");
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_DATA_DIR", dataDir.toString()));

        String message = assertThrows(GatewayConfig.ConfigurationException.class, () -> SecretKeySettings.keys(config))
                .getMessage();
        assertTrue(message.startsWith(file + " does not hold a 32-byte key in base64"), message);
        assertEquals("half a key", Files.readString(file), "the file is left for the operator");
    }
}
