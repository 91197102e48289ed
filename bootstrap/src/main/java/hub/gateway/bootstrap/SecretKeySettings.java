package hub.gateway.bootstrap;

import hub.gateway.adapter.persistence.PostgresPersistence;
import hub.gateway.bootstrap.GatewayConfig.ConfigurationException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The keys transport secrets are sealed under at rest (contract §13): {@code GATEWAY_SECRET_KEY} (32 bytes in
 * base64) and {@code GATEWAY_SECRET_KEY_PREVIOUS} (the key before a rotation, which only opens). On the embedded
 * default without {@code GATEWAY_SECRET_KEY} the key is {@code <dataDir>/secret-key}, generated at the first start
 * (mode 600) and reused after; with an external database there is no default, because every node must hold the
 * same key and a key made up by one would not open what another stored. Never a key in a message or log line.
 */
final class SecretKeySettings {
    static final String KEY = "GATEWAY_SECRET_KEY";
    static final String PREVIOUS_KEY = "GATEWAY_SECRET_KEY_PREVIOUS";
    static final String KEY_FILE = "secret-key";
    private static final int KEY_BYTES = 32;
    private static final String HOW_TO_MAKE_ONE = "generate one with: openssl rand -base64 32";
    private static final Logger LOG = Logger.getLogger(SecretKeySettings.class.getName());

    private SecretKeySettings() {
    }

    /** Checks the settings without touching the disk, so that a wrong value stops the start with the others. */
    static void check(Map<String, String> env, boolean embeddedDatabase) {
        Optional<SecretKey> key = fromSetting(env, KEY);
        fromSetting(env, PREVIOUS_KEY);
        if (key.isEmpty() && !embeddedDatabase) {
            throw new ConfigurationException(KEY + " must be set when GATEWAY_DB_URL names an external database: "
                    + "access tokens are stored encrypted under it, and every node sharing the database needs the "
                    + "same key (" + HOW_TO_MAKE_ONE + ")");
        }
    }

    /** The keys to seal under; on the embedded default may create {@code <dataDir>/secret-key}. */
    static PostgresPersistence.SecretKeys keys(GatewayConfig config) {
        Map<String, String> env = config.settings();
        SecretKey current = fromSetting(env, KEY).orElseGet(() -> {
            if (!config.usesEmbeddedDatabase()) {
                throw new ConfigurationException(KEY + " must be set when GATEWAY_DB_URL names an external database");
            }
            return fromFile(config.dataDir().resolve(KEY_FILE));
        });
        return new PostgresPersistence.SecretKeys(current, fromSetting(env, PREVIOUS_KEY));
    }

    /** The file the embedded default keeps its key in, when it does (no {@code GATEWAY_SECRET_KEY}). */
    static Optional<Path> keyFile(GatewayConfig config) {
        return config.usesEmbeddedDatabase() && fromSetting(config.settings(), KEY).isEmpty()
                ? Optional.of(config.dataDir().resolve(KEY_FILE))
                : Optional.empty();
    }

    private static SecretKey fromFile(Path file) {
        Optional<String> stored = SecretFiles.read(file);
        if (stored.isPresent()) {
            return parse(stored.get()).orElseThrow(() -> new ConfigurationException(file + " does not hold a "
                    + "32-byte key in base64: restore it from a backup (the stored access tokens open only with it), "
                    + "or set " + KEY));
        }
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        SecretFiles.write(file, Base64.getEncoder().encodeToString(random));
        LOG.info("generated the secret key that access tokens are stored encrypted under: " + file
                + " (back it up with the database; the tokens cannot be read without it)");
        return new SecretKeySpec(random, "AES");
    }

    private static Optional<SecretKey> fromSetting(Map<String, String> env, String name) {
        Optional<String> raw = Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        return raw.map(value -> parse(value).orElseThrow(() -> new ConfigurationException(name
                + " must be 32 random bytes in base64 (" + HOW_TO_MAKE_ONE + "); the value given is not")));
    }

    private static Optional<SecretKey> parse(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            return key.length == KEY_BYTES ? Optional.of(new SecretKeySpec(key, "AES")) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
