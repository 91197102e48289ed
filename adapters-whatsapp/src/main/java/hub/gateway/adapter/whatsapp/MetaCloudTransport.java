package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery.Delivered;
import hub.gateway.application.port.out.Transport.Delivery.Failed;
import hub.gateway.application.port.out.Transport.Delivery.Unknown;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.TransportAccount;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends a text or a template through the Meta WhatsApp Cloud API ({@code POST {graph}/{phone_number_id}/messages}) with
 * the instance's own phone number id and access token, and the log id in {@code biz_opaque_callback_data}, which
 * Meta echoes in every status of the message (contract §13, "Statuses always land"). Each message is one request:
 * the JDK client is not asked to resend a POST, and nothing here tries again, because a request that may have
 * reached Meta must not reach the recipient twice.
 *
 * <p>How an attempt ends (contract §13, "Delivery outcomes are honest"; docs/transports.md):
 * <ul>
 * <li>a 2xx with a message id: delivered;</li>
 * <li>Meta's error object, whatever the HTTP status (4xx, or a 5xx such as 131000 or 131016): failed, Meta's code and
 *     title. Meta answers an error only for a message it did not take;</li>
 * <li>no connection (refused, no such host, no route, connect time-out, TLS handshake): failed, nothing was written;</li>
 * <li>anything after the request may have been written — the read time-out, a connection dropped before or during the
 *     answer, a 5xx without Meta's error object (a proxy or load balancer in front of Meta, which may have passed the
 *     request on), a 2xx without a message id: unknown.</li>
 * </ul>
 */
final class MetaCloudTransport implements Transport {
    /** Meta's ids are digits; anything else could change the request path, so it is never sent. */
    static final Pattern PHONE_NUMBER_ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final System.Logger LOG = System.getLogger(MetaCloudTransport.class.getName());
    private static final String REDACTED = "[redacted]";

    private final URI graphUrl;
    private final Duration readTimeout;
    private final HttpClient client;

    /**
     * The JDK client has no separate read time-out: the request's own time-out runs from the moment it is handed to
     * the client, connecting included (TransportTimeouts keeps the connect time-out shorter, so a connect that is
     * too slow ends as a connect time-out, never as a read time-out).
     */
    MetaCloudTransport(URI graphUrl, TransportTimeouts timeouts) {
        this.graphUrl = graphUrl;
        this.readTimeout = timeouts.read();
        this.client = ProviderHttpClients.withoutRedirects(timeouts.connect());
    }

    /** The Cloud API refuses free-form text outside the window (error 131047): the gateway refuses it first. */
    @Override
    public boolean enforcesCustomerServiceWindow() {
        return true;
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
        // String.valueOf: MessageFormat would print a long id with thousands separators.
        switch (delivery) {
            case Delivered ignored -> {
            }
            case Failed failed -> LOG.log(Level.WARNING, "meta_cloud did not deliver log entry {0} of instance {1} to {2}: {3}",
                    String.valueOf(message.logId()), message.instance().id().value(), message.to().masked(), failed.code());
            case Unknown unknown -> LOG.log(Level.WARNING,
                    "meta_cloud may have delivered log entry {0} of instance {1} to {2}; its outcome is unknown: {3}",
                    String.valueOf(message.logId()), message.instance().id().value(), message.to().masked(), unknown.code());
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
                .timeout(readTimeout)
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
                .add("to", message.to().e164().substring(1))
                // Echoed in every status of this message: a status that comes before the send's answer is stored, or
                // for a send whose answer was lost, still finds its log row.
                .add("biz_opaque_callback_data", String.valueOf(message.logId()));
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
        } catch (IOException e) {
            return notAnswered(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unknown("interrupted", "The gateway stopped before the WhatsApp Cloud API answered.");
        }
    }

    /**
     * No answer: failed if no connection was made (Meta cannot have seen the request), otherwise unknown. The JDK
     * wraps a refused connection in an exception of its own, so the causes are searched too. When in doubt, unknown:
     * keeping a send counted that did not go out costs a unit of quota; calling one failed that went out invites the
     * client to send it again.
     */
    static Delivery notAnswered(IOException e) {
        return switch (ConnectionFailures.of(e)) {
            case NOT_CONNECTED -> new Failed("unreachable", "The WhatsApp Cloud API could not be reached.");
            case TIMED_OUT -> new Unknown("timeout", "The WhatsApp Cloud API did not answer in time; the message may have been sent.");
            case CONNECTION_LOST -> new Unknown("connection_lost",
                    "The connection to the WhatsApp Cloud API was lost before it answered; the message may have been sent.");
        };
    }

    static Delivery answer(int status, String body) {
        Optional<JsonObject> json = JsonTrees.parse(body).flatMap(JsonTrees::asObject);
        if (status / 100 == 2) {
            return json.flatMap(MetaCloudTransport::messageId).<Delivery>map(Delivered::new)
                    .orElseGet(() -> new Unknown("unexpected_answer",
                            "The WhatsApp Cloud API accepted the request but returned no message id."));
        }
        Optional<Failed> metaError = json.flatMap(MetaErrors::fromErrorBody);
        if (metaError.isPresent()) {
            return metaError.get();
        }
        return status / 100 == 5
                ? new Unknown("http_" + status, "The WhatsApp Cloud API's address answered with HTTP status " + status
                        + " and no error of Meta's; the message may have been sent.")
                : new Failed("http_" + status, "The WhatsApp Cloud API answered with HTTP status " + status + ".");
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
