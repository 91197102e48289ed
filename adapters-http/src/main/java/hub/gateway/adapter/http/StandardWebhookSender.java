package hub.gateway.adapter.http;

import hub.gateway.application.port.out.WebhookSender;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final HeaderName WEBHOOK_ID = HeaderNames.create("webhook-id");
    private static final HeaderName WEBHOOK_TIMESTAMP = HeaderNames.create("webhook-timestamp");
    private static final HeaderName WEBHOOK_SIGNATURE = HeaderNames.create("webhook-signature");
    private static final ExecutorService EXCHANGES = Executors.newVirtualThreadPerTaskExecutor();

    private final WebhookUrlPolicy destinations;
    private final WebClient client;

    StandardWebhookSender(WebhookUrlPolicy destinations) {
        this.destinations = destinations;
        this.client = WebClient.builder()
                // The host is resolved and its addresses judged when the client connects, and the connection goes
                // to an address judged (contract §10): a DNS answer that changes between a check and the connect
                // (rebinding) cannot lead the delivery to the gateway's own network.
                .dnsResolver(destinations.pinnedResolver())
                // A redirect would lead to a destination nobody checked.
                .followRedirects(false)
                // A proxy would resolve and connect on our behalf, after our check: no proxy, ever.
                .proxy(Proxy.noProxy())
                // A connection per delivery: each is resolved and judged afresh.
                .keepAlive(false)
                .connectTimeout(LIMIT)
                .readTimeout(LIMIT)
                .servicesDiscoverServices(false)
                .build();
    }

    @Override
    public WebhookResult send(WebhookRequest request) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        // The URL's form is judged here; its host's addresses when the client connects (pinnedResolver).
        Optional<String> refused = destinations.problemWithUrl(request.url());
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
        return exchange(request.url().strip(), request.webhookId(), timestamp, signature, body, deadline);
    }

    /**
     * The client's read time-out bounds each read; waiting on the exchange with the same deadline also bounds a
     * receiver that trickles its answer byte by byte.
     */
    private WebhookResult exchange(String url, String webhookId, String timestamp, String signature, byte[] body,
                                   long deadline) {
        Future<Integer> answer = EXCHANGES.submit(() -> {
            try (HttpClientResponse response = client.post(url)
                    .readTimeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                    .header(HeaderNames.CONTENT_TYPE, Answer.APPLICATION_JSON)
                    .header(HeaderNames.USER_AGENT, USER_AGENT)
                    .header(WEBHOOK_ID, webhookId)
                    .header(WEBHOOK_TIMESTAMP, timestamp)
                    .header(WEBHOOK_SIGNATURE, signature)
                    .submit(body)) {
                return response.status().code();
            }
        });
        try {
            int status = answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

    /**
     * Names the kind of failure only: exception messages may quote the URL, and a URL may carry a token. The
     * client wraps what went wrong; the first cause that says what it was decides.
     */
    private static WebhookResult failure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case WebhookUrlPolicy.RefusedDestination refused -> {
                    return new WebhookResult.Failed("destination refused: " + refused.getMessage());
                }
                case ConnectException ignored -> {
                    return new WebhookResult.Failed("connection refused");
                }
                case SocketTimeoutException ignored -> {
                    return timedOut();
                }
                case SSLException ignored -> {
                    return new WebhookResult.Failed("TLS handshake failed");
                }
                default -> {
                }
            }
        }
        return switch (failure) {
            case IOException io -> new WebhookResult.Failed("I/O error (" + io.getClass().getSimpleName() + ")");
            case UncheckedIOException io -> new WebhookResult.Failed("I/O error (" + io.getCause().getClass().getSimpleName() + ")");
            case IllegalArgumentException ignored -> new WebhookResult.Failed("the webhook URL is not usable");
            default -> new WebhookResult.Failed("unexpected error (" + failure.getClass().getSimpleName() + ")");
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
