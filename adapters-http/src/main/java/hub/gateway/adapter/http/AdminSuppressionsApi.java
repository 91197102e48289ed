package hub.gateway.adapter.http;

import hub.gateway.application.port.in.BlockRecipientUseCase;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.LiftSuppressionUseCase;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.ListSuppressionHistoryResult;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;


/**
 * {@code /admin/instances/{id}/suppressions}: the instance's suppressions with their audit trail, and an operator's
 * blocks, on any instance (no account), behind the admin guard.
 */
final class AdminSuppressionsApi implements HttpService {
    private final BlockRecipientUseCase blockRecipient;
    private final LiftSuppressionUseCase liftSuppression;
    private final ListSuppressionHistoryUseCase listHistory;

    AdminSuppressionsApi(BlockRecipientUseCase blockRecipient, LiftSuppressionUseCase liftSuppression,
                         ListSuppressionHistoryUseCase listHistory) {
        this.blockRecipient = blockRecipient;
        this.liftSuppression = liftSuppression;
        this.listHistory = listHistory;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances/{id}/suppressions", Answer.handler(this::list))
                .post("/instances/{id}/suppressions", Answer.handler(this::block))
                .any("/instances/{id}/suppressions", Routes.methodNotAllowed("GET, POST"))
                .delete("/instances/{id}/suppressions/{phone}", Answer.handler(this::lift))
                .any("/instances/{id}/suppressions/{phone}", Routes.methodNotAllowed("DELETE"));
    }

    private Answer list(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> switch (listHistory.listHistory(req.path().pathParameters().get("id"),
                QueryInputs.text(req, "cursor"), limit)) {
            case ListSuppressionHistoryResult.Listed listed ->
                    Representations.page("suppressions", listed.page(), Representations::suppressionEntry);
            case ListSuppressionHistoryResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case ListSuppressionHistoryResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    private Answer block(ServerRequest req) {
        return JsonBodies.withObject(req, body -> Suppressions.answerBlock(blockRecipient.block(BlockRecipientCommand.byOperator(
                        AdminGuard.operator(req), Input.text(req.path().pathParameters().get("id")), JsonBodies.field(body, "phone"))),
                ErrorCatalog.NOT_FOUND));
    }

    private Answer lift(ServerRequest req) {
        String instanceId = req.path().pathParameters().get("id");
        String phone = Suppressions.phoneParameter(req);
        return Suppressions.answerLift(liftSuppression.lift(LiftSuppressionCommand.byOperator(AdminGuard.operator(req), instanceId, phone)),
                instanceId, phone, ErrorCatalog.NOT_FOUND);
    }
}
