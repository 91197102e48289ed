package hub.gateway.adapter.http;

import hub.gateway.application.port.out.WebhookSender;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts one event the Standard Webhooks way (https://www.standardwebhooks.com): headers {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
 * <p>
 * One attempt, bounded by {@link #LIMIT} from connect to the last byte of the answer; retries are the
 * dispatcher's. Neither the secret nor the body is ever logged or put into a failure reason: the body holds
 * a recipient's number and words, the secret would let anyone forge events.
 */
final class StandardWebhookSender implements WebhookSender {
    static final Duration LIMIT = Duration.ofSeconds(5);
    static final String USER_AGENT = "hub-whatsapp-gateway";
    private static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";

    private final WebhookUrlPolicy destinations;
    private final HttpClient client;

    StandardWebhookSender(WebhookUrlPolicy destinations) {
        this.destinations = destinations;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect would lead to a destination nobody checked.
                .followRedirects(HttpClient.Redirect.NEVER)
                // A proxy would resolve and connect on our behalf, after our check: no proxy, ever.
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(LIMIT)
                .build();
    }

    @Override
    public WebhookResult send(WebhookRequest request) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        // Checked at every delivery, not only when the URL was saved: its DNS may have changed since.
        // Gap (DNS rebinding): the HTTP client resolves the host again when it connects, and may get another
        // answer than the check did. Closing it means connecting to the checked address while sending the
        // original Host header and TLS server name, which the JDK client cannot do.
        Optional<String> refused = destinations.problemWith(request.url());
        if (refused.isPresent()) {
            return new WebhookResult.Failed("destination refused: " + refused.get());
        }
        Optional<byte[]> key = key(request.secret());
        if (key.isEmpty()) {
            return new WebhookResult.Failed("the webhook secret is not a valid whsec_ key");
        }
        byte[] body = WebhookEvents.body(request.event());
        String timestamp = String.valueOf(request.timestamp().getEpochSecond());
        String signature = "v1," + sign(key.get(), request.webhookId(), timestamp, body);
        Duration remaining = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        HttpRequest http = HttpRequest.newBuilder(URI.create(request.url().strip()))
                .timeout(remaining)
                .header("content-type", JsonResponses.APPLICATION_JSON)
                .header("user-agent", USER_AGENT)
                .header("webhook-id", request.webhookId())
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return exchange(http, deadline);
    }

    /**
     * The client's own time-out stops at the answer's headers; waiting on the future with the same deadline
     * also bounds a receiver that trickles its body.
     */
    private WebhookResult exchange(HttpRequest http, long deadline) {
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(http, HttpResponse.BodyHandlers.discarding());
        try {
            int status = answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).statusCode();
            return status >= 200 && status < 300 ? new WebhookResult.Accepted(status) : new WebhookResult.Rejected(status);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return timedOut();
        } catch (ExecutionException e) {
            return failure(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new WebhookResult.Failed("interrupted");
        }
    }

    private static WebhookResult timedOut() {
        return new WebhookResult.Failed("timed out after " + LIMIT.toSeconds() + " s");
    }

    /** Names the kind of failure only: exception messages may quote the URL, and a URL may carry a token. */
    private static WebhookResult failure(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException ignored -> new WebhookResult.Failed("connect timed out after " + LIMIT.toSeconds() + " s");
            case HttpTimeoutException ignored -> timedOut();
            case ConnectException ignored -> new WebhookResult.Failed("connection refused");
            case SSLException ignored -> new WebhookResult.Failed("TLS handshake failed");
            case IOException io -> new WebhookResult.Failed("I/O error (" + io.getClass().getSimpleName() + ")");
            case IllegalArgumentException ignored -> new WebhookResult.Failed("the webhook URL is not usable");
            default -> new WebhookResult.Failed("unexpected error (" + cause.getClass().getSimpleName() + ")");
        };
    }

    /** {@code whsec_} then base64 of the key bytes; a bare base64 key is accepted too, as the spec's libraries do. */
    static Optional<byte[]> key(String secret) {
        if (secret == null) {
            return Optional.empty();
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            return key.length == 0 ? Optional.empty() : Optional.of(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String sign(byte[] key, String webhookId, String timestamp, byte[] body) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.writeBytes((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        signed.writeBytes(body);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
