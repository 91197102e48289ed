package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.AnswerWebhookSubscriptionUseCase;
import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase;
import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase.WebhookReceipt;
import io.helidon.http.Header;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The transport providers' webhooks under {@code /webhooks} (contract §8, §14): the Meta WhatsApp Cloud API's
 * subscription handshake and its inbound messages and delivery statuses, and a WAHA session's events per instance. The provider calls these, so there
 * is no API key or admin token here; the use case verifies the verify token and the body's signature.
 * <p>
 * The body goes to the use case as the exact bytes received, because the signature is computed over them:
 * re-encoding (even parsing and printing the JSON again) would break it. For the same reason the
 * Content-Type is not judged here.
 */
final class ProviderWebhooksApi implements HttpService {
    /** The transport whose webhooks {@code /webhooks/whatsapp} receives. */
    static final String META_CLOUD = "meta_cloud";
    /** The transport whose webhooks {@code /webhooks/waha/{instance_id}} receives, one instance each. */
    static final String WAHA = "waha";
    /** Meta's webhook bodies are small; a batch of statuses stays far below this. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final ReceiveTransportWebhookUseCase receive;
    private final AnswerWebhookSubscriptionUseCase subscription;

    ProviderWebhooksApi(ReceiveTransportWebhookUseCase receive, AnswerWebhookSubscriptionUseCase subscription) {
        this.receive = receive;
        this.subscription = subscription;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/whatsapp", Answer.handler(this::subscribe))
                .post("/whatsapp", Answer.handler(this::receive))
                .any("/whatsapp", Routes.methodNotAllowed("GET, POST"))
                .post("/waha/{instance_id}", Answer.handler(this::receiveWaha))
                .any("/waha/{instance_id}", Routes.methodNotAllowed("POST"));
    }

    /** {@code hub.mode=subscribe&hub.verify_token=…&hub.challenge=…}: the challenge, as plain text, or 403. */
    private Answer subscribe(ServerRequest req) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            // A repeated parameter counts once, by its first value, as most frameworks read it.
            req.query().all(name).stream().findFirst().ifPresent(value -> query.put(name, value));
        }
        Optional<String> challenge = subscription.answerSubscription(META_CLOUD, query);
        return challenge.map(text -> Answer.text(200, text))
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.SUBSCRIPTION_FORBIDDEN));
    }

    private Answer receive(ServerRequest req) {
        return withBody(req, body -> receipt(receive.receive(META_CLOUD, Optional.empty(), headers(req), body)));
    }

    /**
     * WAHA's events for one instance, signed with that instance's key. An unknown instance, or one on another
     * transport, answers 401 like a wrong signature: a caller without the key learns nothing about which ids exist.
     */
    private Answer receiveWaha(ServerRequest req) {
        String instanceId = req.path().pathParameters().get("instance_id");
        return withBody(req, body -> receipt(receive.receive(WAHA, Optional.of(instanceId), headers(req), body)));
    }

    private static Answer withBody(ServerRequest req, java.util.function.Function<byte[], Answer> handler) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BODY_BYTES) {
            return ErrorAnswers.tooLarge(MAX_BODY_BYTES);
        }
        byte[] body;
        if (req.content().hasEntity()) {
            switch (JsonBodies.readBounded(req.content().inputStream(), MAX_BODY_BYTES)) {
                case JsonBodies.Bounded.Read read -> body = read.bytes();
                case JsonBodies.Bounded.TooLarge ignored -> {
                    return ErrorAnswers.tooLarge(MAX_BODY_BYTES);
                }
                case JsonBodies.Bounded.Unreadable ignored -> {
                    return ErrorAnswers.of(ErrorCatalog.BAD_REQUEST);
                }
            }
        } else {
            body = new byte[0];
        }
        // Screened before the signature is checked: the screen reads only the structure, in bounded time, and
        // nothing hostile then reaches the transport's parser or the database, signed or not. An unsigned caller
        // learns only that its JSON is refused, which the JSON specification already told it.
        Optional<JsonBodies.BodyError> hostile = JsonBodies.screen(body);
        if (hostile.isPresent()) {
            return JsonBodies.reject(hostile.get());
        }
        return handler.apply(body);
    }

    /**
     * A StorageUnavailableException escapes to the edge filter, which answers 503: the provider re-delivers on
     * anything but 200, so nothing is lost.
     */
    private static Answer receipt(WebhookReceipt receipt) {
        return switch (receipt) {
            case WebhookReceipt.Accepted ignored -> Answer.ok(JSON.createObjectBuilder().add("received", true).build());
            case WebhookReceipt.Unauthenticated ignored -> ErrorAnswers.of(ErrorCatalog.WEBHOOK_SIGNATURE_INVALID);
            case WebhookReceipt.Malformed malformed -> ErrorAnswers.of(ErrorCatalog.INVALID_JSON,
                    ErrorAnswers.details(ErrorCatalog.INVALID_JSON).add("reason", malformed.reason()));
            case WebhookReceipt.Misdirected misdirected -> ErrorAnswers.of(ErrorCatalog.WEBHOOK_MISDIRECTED,
                    ErrorAnswers.details(ErrorCatalog.WEBHOOK_MISDIRECTED).add("reason", misdirected.reason()));
            case WebhookReceipt.UnknownTransport ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
        };
    }

    /** Every header by its lower-case name; a repeated header's values joined by commas (RFC 9110 §5.3). */
    private static Map<String, String> headers(ServerRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.merge(header.name().toLowerCase(Locale.ROOT), header.values(), (a, b) -> a + "," + b);
        }
        return headers;
    }
}
