package hub.gateway.bootstrap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * How a client verifies a delivery, written from the Standard Webhooks specification alone (not from the
 * gateway's code): HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" keyed with the base64 part
 * of the "whsec_" secret, compared with each "v1," signature of the header.
 */
final class StandardWebhooksVerifier {
    private StandardWebhooksVerifier() {
    }

    static boolean verify(String secret, Map<String, String> headers, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + "." + body;
            byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            for (String signature : headers.get("webhook-signature").split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
