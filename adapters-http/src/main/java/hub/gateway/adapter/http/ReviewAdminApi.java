package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.ListPausedInstancesUseCase;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.ListPausedInstancesResult;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;

/**
 * {@code /admin/review}: the instances paused for review, the most recently paused first, with the evidence that
 * paused them and their latest refusals; behind the admin guard. The console's landing page reads it.
 */
final class ReviewAdminApi implements HttpService {
    private final ListPausedInstancesUseCase listPaused;

    ReviewAdminApi(ListPausedInstancesUseCase listPaused) {
        this.listPaused = listPaused;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/review", Answer.handler(this::review))
                .any("/review", Routes.methodNotAllowed("GET"));
    }

    private Answer review(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> switch (listPaused.listPaused(QueryInputs.text(req, "cursor"), limit)) {
            case ListPausedInstancesResult.Listed listed -> {
                JsonArrayBuilder instances = JSON.createArrayBuilder();
                listed.page().items().forEach(p -> instances.add(Representations.pausedInstance(p)));
                yield Answer.ok(Representations.page("instances", instances, listed.page().nextCursor()).build());
            }
            case ListPausedInstancesResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }
}
