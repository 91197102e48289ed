package hub.gateway.adapter.http;

import hub.gateway.application.port.in.BlockRecipientUseCase;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.LiftSuppressionUseCase;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;


/** {@code /admin/instances/{id}/suppressions}: an operator's blocks, on any instance (no account), behind the admin guard. */
final class AdminSuppressionsApi implements HttpService {
    private final BlockRecipientUseCase blockRecipient;
    private final LiftSuppressionUseCase liftSuppression;

    AdminSuppressionsApi(BlockRecipientUseCase blockRecipient, LiftSuppressionUseCase liftSuppression) {
        this.blockRecipient = blockRecipient;
        this.liftSuppression = liftSuppression;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/instances/{id}/suppressions", Answer.handler(this::block))
                .any("/instances/{id}/suppressions", Routes.methodNotAllowed("POST"))
                .delete("/instances/{id}/suppressions/{phone}", Answer.handler(this::lift))
                .any("/instances/{id}/suppressions/{phone}", Routes.methodNotAllowed("DELETE"));
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
