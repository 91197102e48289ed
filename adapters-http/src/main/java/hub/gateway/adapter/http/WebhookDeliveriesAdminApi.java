package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.ListWebhookDeliveriesUseCase;
import hub.gateway.application.port.in.ReplayWebhookEventUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;

import java.util.Optional;

/** {@code /admin/instances/{id}/webhook-deliveries} and their replay, behind the admin guard. */
final class WebhookDeliveriesAdminApi implements HttpService {
    private final ListWebhookDeliveriesUseCase listDeliveries;
    private final ReplayWebhookEventUseCase replayEvent;

    WebhookDeliveriesAdminApi(ListWebhookDeliveriesUseCase listDeliveries, ReplayWebhookEventUseCase replayEvent) {
        this.listDeliveries = listDeliveries;
        this.replayEvent = replayEvent;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances/{id}/webhook-deliveries", Answer.handler(this::deliveries))
                .any("/instances/{id}/webhook-deliveries", Routes.methodNotAllowed("GET"))
                .post("/instances/{id}/webhook-deliveries/{event_id}/replay", Answer.handler(this::replay))
                .any("/instances/{id}/webhook-deliveries/{event_id}/replay", Routes.methodNotAllowed("POST"));
    }

    private Answer deliveries(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> listDeliveries.list(req.path().pathParameters().get("id"), limit)
                .map(deliveries -> {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    deliveries.forEach(d -> array.add(Representations.delivery(d)));
                    return Answer.ok(JSON.createObjectBuilder().add("deliveries", array).build());
                })
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND)));
    }

    private Answer replay(ServerRequest req) {
        Optional<Long> eventId = WholeNumbers.positiveLong(req.path().pathParameters().get("event_id"));
        if (eventId.isPresent() && replayEvent.replay(req.path().pathParameters().get("id"), eventId.get(),
                AdminGuard.operator(req))) {
            return Answer.ok(JSON.createObjectBuilder()
                    .add("event_id", eventId.get())
                    .add("status", "pending")
                    .build());
        }
        return ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
    }
}
