package hub.gateway.adapter.persistence;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals the secrets a row holds for a transport (an access token, an API key) with AES-256-GCM, so that neither the
 * database nor a dump of it holds one in plain text. A sealed value names the key it was sealed under:
 * {@code v1:<key id>:<base64 of nonce (12 random bytes), ciphertext and tag (16 bytes)>}.
 *
 * <p>The key id is the first four bytes of SHA-256 over a label and the key, in hex: it tells keys apart in rows and
 * logs and says nothing usable about the key. The value's place (column and row, {@link #place}) is the associated
 * data, so a sealed value copied onto another row or into another column does not open.
 *
 * <p>A value without the {@code v1:} prefix is a secret stored in plain text before sealing existed (no Meta token
 * or WAHA key starts with it); it opens as itself, and the start seals it ({@link PgSecretResealing}).
 */
final class SecretSealer {
    static final String VERSION = "v1";
    private static final String PREFIX = VERSION + ":";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_ID_LABEL = "hub-gateway secret key id\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(SecretSealer.class.getName());

    private final SecretKey current;
    private final String currentId;
    private final Optional<SecretKey> previous;
    private final Optional<String> previousId;
    /** Values already reported as unreadable: one ERROR line per value, not one per read. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    SecretSealer(PostgresPersistence.SecretKeys keys) {
        this.current = keys.current();
        this.currentId = keyId(keys.current());
        this.previous = keys.previous();
        this.previousId = keys.previous().map(SecretSealer::keyId);
    }

    /** Where a secret lives: the associated data it is sealed with. */
    static String place(String column, String rowId) {
        return column + "/" + rowId;
    }

    static String keyId(SecretKey key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(KEY_ID_LABEL);
            byte[] digest = sha256.digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    String currentKeyId() {
        return currentId;
    }

    Optional<String> previousKeyId() {
        return previousId;
    }

    /** A fresh random nonce every time: sealing one secret twice gives two different values. */
    String seal(String secret, String place) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, nonce, place);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] value = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available to seal a secret", e);
        }
    }

    /**
     * The secret a stored value holds: sealed under the current or the previous key, or plain from before sealing.
     *
     * @throws UnreadableSecret when it was sealed under a key this node does not have, or was altered; the
     *                          exception's message never contains the value
     */
    String open(String stored, String place) throws UnreadableSecret {
        if (!stored.startsWith(PREFIX)) {
            return stored;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3) {
            throw new UnreadableSecret("it is not in the sealed format");
        }
        String keyId = parts[1];
        SecretKey key;
        if (keyId.equals(currentId)) {
            key = current;
        } else if (previousId.filter(keyId::equals).isPresent()) {
            key = previous.orElseThrow();
        } else {
            throw new UnreadableSecret("it was sealed under key " + keyId
                    + ", which is neither the current nor the previous secret key");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecret("it is not valid base64");
        }
        if (value.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecret("it is too short to be sealed");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(value, NONCE_BYTES), place);
            byte[] secret = cipher.doFinal(value, NONCE_BYTES, value.length - NONCE_BYTES);
            return new String(secret, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecret("its tag does not match under key " + keyId
                    + " (altered, or copied from another row)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available to open a secret", e);
        }
    }

    /**
     * The secret, or empty when the value cannot be opened: then one ERROR line (per value and node) names the
     * column, the row and why, never the value. What needs the secret then fails for that row alone.
     */
    Optional<String> openOrReport(String stored, String column, String rowId) {
        try {
            return Optional.of(open(stored, place(column, rowId)));
        } catch (UnreadableSecret e) {
            if (reported.add(place(column, rowId) + "\n" + stored)) {
                LOG.log(System.Logger.Level.ERROR, "{0} of {1} cannot be opened: {2}; it is used as if unset until "
                        + "the key it was sealed under is configured (as the previous key) or a new one is stored",
                        column, rowId, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** True when the value is sealed under the current key: nothing to do at a start. */
    boolean sealedUnderCurrentKey(String stored) {
        return stored.startsWith(currentPrefix());
    }

    /** What every value sealed under the current key starts with. */
    String currentPrefix() {
        return PREFIX + currentId + ":";
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String place) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored value that cannot be opened; says why, never what the value is. */
    static final class UnreadableSecret extends Exception {
        UnreadableSecret(String why) {
            super(why, null, false, false);
        }
    }
}
