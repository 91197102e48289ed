package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery.Delivered;
import hub.gateway.application.port.out.Transport.Delivery.Failed;
import hub.gateway.application.port.out.Transport.Delivery.Unknown;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.WahaAccount;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a text through a WAHA server (contract §14): {@code POST {waha_url}/api/sendText} with the instance's
 * {@code X-Api-Key} and {@code {session, chatId: "<digits>@c.us", text}}. A template goes as its rendered text: WAHA
 * has no templates of its own. One request per message, never a resend (as {@link MetaCloudTransport}).
 *
 * <p>How an attempt ends (contract §13; docs/transports.md):
 * <ul>
 * <li>a 2xx with a message id ({@code id}, or {@code id._serialized}): delivered;</li>
 * <li>no connection (refused, no such host, connect time-out): failed, nothing was written;</li>
 * <li>a 4xx (a wrong key, an unknown session, a refused body): failed, WAHA did not take it;</li>
 * <li>the read time-out, a connection dropped before the answer, a 5xx (WAHA may fail after handing the message to
 *     WhatsApp), a 2xx without an id: unknown.</li>
 * </ul>
 */
final class WahaTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(WahaTransport.class.getName());
    private static final String REDACTED = "[redacted]";

    private final Duration readTimeout;
    private final HttpClient client;

    /** The request's time-out covers connecting too; TransportTimeouts keeps the connect time-out shorter. */
    WahaTransport(TransportTimeouts timeouts) {
        this.readTimeout = timeouts.read();
        this.client = ProviderHttpClients.withoutRedirects(timeouts.connect());
    }

    @Override
    public Delivery deliver(OutboundMessage message) {
        WahaAccount account = message.instance().transportAccount().waha();
        Optional<URI> base = account.url().flatMap(WahaTransport::baseUrl);
        if (base.isEmpty() || account.session().isEmpty() || account.apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            return new Failed("transport_not_configured", "The instance has no usable waha_url, waha_session and waha_api_key.");
        }
        Delivery delivery = send(message, base.get(), account.session().get(), account.apiKey().get());
        switch (delivery) {
            case Delivered ignored -> {
            }
            case Failed failed -> LOG.log(Level.WARNING, "waha did not deliver log entry {0} of instance {1} to {2}: {3}",
                    String.valueOf(message.logId()), message.instance().id().value(), message.to().masked(), failed.code());
            case Unknown unknown -> LOG.log(Level.WARNING,
                    "waha may have delivered log entry {0} of instance {1} to {2}; its outcome is unknown: {3}",
                    String.valueOf(message.logId()), message.instance().id().value(), message.to().masked(), unknown.code());
        }
        return delivery;
    }

    static Optional<URI> baseUrl(String raw) {
        try {
            URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Delivery send(OutboundMessage message, URI base, String session, String apiKey) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/api/sendText"))
                    .timeout(readTimeout)
                    .header("X-Api-Key", apiKey)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(message, session).toString()))
                    .build();
        } catch (IllegalArgumentException e) {
            // The JDK's message may quote the header value, which is the key: not repeated.
            return new Failed("transport_not_configured", "The instance's waha_api_key cannot be sent as a header.");
        }
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return answer(response.statusCode(), response.body().replace(apiKey, REDACTED));
        } catch (IOException e) {
            return notAnswered(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unknown("interrupted", "The gateway stopped before the WAHA server answered.");
        }
    }

    static JsonObject body(OutboundMessage message, String session) {
        return JsonTrees.BUILDERS.createObjectBuilder()
                .add("session", session)
                // WAHA's chat id for a person: the number without its '+', then @c.us.
                .add("chatId", message.to().e164().substring(1) + "@c.us")
                .add("text", message.text().value())
                .build();
    }

    static Delivery notAnswered(IOException e) {
        return switch (ConnectionFailures.of(e)) {
            case NOT_CONNECTED -> new Failed("unreachable", "The WAHA server could not be reached.");
            case TIMED_OUT -> new Unknown("timeout", "The WAHA server did not answer in time; the message may have been sent.");
            case CONNECTION_LOST -> new Unknown("connection_lost",
                    "The connection to the WAHA server was lost before it answered; the message may have been sent.");
        };
    }

    static Delivery answer(int status, String body) {
        if (status / 100 == 2) {
            return JsonTrees.parse(body).flatMap(JsonTrees::asObject).flatMap(WahaTransport::messageId)
                    .<Delivery>map(Delivered::new)
                    .orElseGet(() -> new Unknown("unexpected_answer", "The WAHA server accepted the request but returned no message id."));
        }
        String detail = JsonTrees.parse(body).flatMap(JsonTrees::asObject)
                .flatMap(error -> JsonTrees.string(error, "message").or(() -> JsonTrees.string(error, "error")))
                .filter(text -> !text.isBlank())
                .map(text -> ": " + MetaErrors.shortened(text)).orElse(".");
        return status / 100 == 5
                ? new Unknown("http_" + status, MetaErrors.shortened("The WAHA server answered with HTTP status " + status
                        + detail + " The message may have been sent."))
                : new Failed("http_" + status, MetaErrors.shortened("The WAHA server answered with HTTP status " + status + detail));
    }

    /** {@code "id": "true_966…@c.us_3EB0…"}, or (some engines) {@code "id": {"_serialized": "…"}}. */
    static Optional<String> messageId(JsonObject answer) {
        return JsonTrees.string(answer, "id")
                .or(() -> JsonTrees.object(answer, "id").flatMap(id -> JsonTrees.string(id, "_serialized")))
                .filter(id -> !id.isBlank());
    }
}
