package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery.Delivered;
import hub.gateway.application.port.out.Transport.Delivery.Failed;
import hub.gateway.domain.account.TransportAccount;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends a text or a template through the Meta WhatsApp Cloud API ({@code POST {graph}/{phone_number_id}/messages}) with
 * the instance's own phone number id and access token. Each message is one request: the JDK client is
 * not asked to resend a POST, and a time-out is reported as a failure rather than tried again, because a
 * request that may have reached Meta must not reach the recipient twice.
 */
final class MetaCloudTransport implements Transport {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Meta's ids are digits; anything else could change the request path, so it is never sent. */
    static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final System.Logger LOG = System.getLogger(MetaCloudTransport.class.getName());
    private static final String REDACTED = "[redacted]";

    private final URI graphUrl;
    private final Duration requestTimeout;
    private final HttpClient client;

    MetaCloudTransport(URI graphUrl) {
        this(graphUrl, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** Shorter time-outs let tests prove the time-out path without waiting fifteen seconds. */
    MetaCloudTransport(URI graphUrl, Duration connectTimeout, Duration requestTimeout) {
        this.graphUrl = graphUrl;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                // A redirect would carry the bearer token to wherever Meta's address pointed.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Delivery deliver(OutboundMessage message) {
        TransportAccount account = message.instance().transportAccount();
        Optional<String> phoneNumberId = account.phoneNumberId().filter(id -> PHONE_NUMBER_ID.matcher(id).matches());
        Optional<String> accessToken = account.accessToken().filter(token -> !token.isBlank());
        if (phoneNumberId.isEmpty() || accessToken.isEmpty()) {
            return new Failed("transport_not_configured",
                    "The instance has no usable WhatsApp Cloud API phone_number_id and access_token.");
        }
        Delivery delivery = send(message, phoneNumberId.get(), accessToken.get());
        if (delivery instanceof Failed failed) {
            // String.valueOf: MessageFormat would print a long id with thousands separators.
            LOG.log(Level.WARNING, "meta_cloud did not deliver log entry {0} of instance {1} to {2}: {3}",
                    String.valueOf(message.logId()), message.instance().id().value(), message.to().masked(), failed.code());
        }
        return delivery;
    }

    private Delivery send(OutboundMessage message, String phoneNumberId, String accessToken) {
        HttpRequest request;
        try {
            request = request(message, phoneNumberId, accessToken);
        } catch (IllegalArgumentException e) {
            // The JDK refuses header values with control characters; its message is not repeated here
            // because it may quote the value, and the value is the token.
            return new Failed("transport_not_configured", "The instance's access_token cannot be sent as a bearer token.");
        }
        return exchange(request, accessToken);
    }

    private HttpRequest request(OutboundMessage message, String phoneNumberId, String accessToken) {
        return HttpRequest.newBuilder(URI.create(graphUrl + "/" + phoneNumberId + "/messages"))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(message).toString()))
                .build();
    }

    static JsonObject body(OutboundMessage message) {
        JsonObjectBuilder body = JsonTrees.BUILDERS.createObjectBuilder()
                .add("messaging_product", "whatsapp")
                .add("recipient_type", "individual")
                // The Cloud API takes the number without its '+'.
                .add("to", message.to().e164().substring(1));
        if (message.template().isPresent()) {
            return body.add("type", "template")
                    .add("template", TemplateMessages.template(message.template().get()))
                    .build();
        }
        return body.add("type", "text")
                .add("text", JsonTrees.BUILDERS.createObjectBuilder()
                        .add("preview_url", false)
                        .add("body", message.text().value()))
                .build();
    }

    /** Exactly one attempt; every way it can end is a {@link Delivery}. */
    private Delivery exchange(HttpRequest request, String accessToken) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return answer(response.statusCode(), withoutSecret(response.body(), accessToken));
        } catch (HttpConnectTimeoutException e) {
            // No connection was made, so Meta has not seen the request: that is "unreachable", not "timeout".
            return unreachable();
        } catch (HttpTimeoutException e) {
            return new Failed("timeout", "The WhatsApp Cloud API did not answer in time.");
        } catch (IOException e) {
            return unreachable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted", "The gateway stopped before the WhatsApp Cloud API answered.");
        }
    }

    private static Failed unreachable() {
        return new Failed("unreachable", "The WhatsApp Cloud API could not be reached.");
    }

    static Delivery answer(int status, String body) {
        Optional<JsonObject> json = JsonTrees.parse(body).flatMap(JsonTrees::asObject);
        if (status / 100 == 2) {
            return json.flatMap(MetaCloudTransport::messageId).<Delivery>map(Delivered::new)
                    .orElseGet(() -> new Failed("unexpected_answer",
                            "The WhatsApp Cloud API accepted the request but returned no message id."));
        }
        return json.flatMap(MetaErrors::fromErrorBody).<Delivery>map(failed -> failed)
                .orElseGet(() -> new Failed("http_" + status,
                        "The WhatsApp Cloud API answered with HTTP status " + status + "."));
    }

    /** {@code {"messages": [{"id": "wamid..."}]}}: the id Meta's delivery statuses will refer to. */
    private static Optional<String> messageId(JsonObject answer) {
        return JsonTrees.objects(answer, "messages").stream().findFirst()
                .flatMap(first -> JsonTrees.string(first, "id"))
                .filter(id -> !id.isBlank());
    }

    /**
     * Meta's texts are passed on to the client and to logs, so a token quoted back in an answer is removed
     * before anything reads it (and before a long text is shortened, which could leave half of it).
     */
    static String withoutSecret(String answer, String accessToken) {
        return answer.replace(accessToken, REDACTED);
    }
}
