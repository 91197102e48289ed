package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ListPausedInstancesUseCase;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.ListPausedInstancesResult;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

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
            case ListPausedInstancesResult.Listed listed ->
                    Representations.page("instances", listed.page(), Representations::pausedInstance);
            case ListPausedInstancesResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }
}
