package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.ListRiskEventsUseCase;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;

/**
 * {@code /admin/instances/{id}/risk-events}: the operator's answer to "why was this refused or paused?", the stored
 * assessments, newest first; behind the admin guard.
 */
final class RiskEventsAdminApi implements HttpService {
    private final ListRiskEventsUseCase listRiskEvents;

    RiskEventsAdminApi(ListRiskEventsUseCase listRiskEvents) {
        this.listRiskEvents = listRiskEvents;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances/{id}/risk-events", Answer.handler(this::riskEvents))
                .any("/instances/{id}/risk-events", Routes.methodNotAllowed("GET"));
    }

    private Answer riskEvents(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> listRiskEvents.list(req.path().pathParameters().get("id"), limit)
                .map(events -> {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    events.forEach(e -> array.add(Representations.riskEvent(e)));
                    return Answer.ok(JSON.createObjectBuilder().add("risk_events", array).build());
                })
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND)));
    }
}
