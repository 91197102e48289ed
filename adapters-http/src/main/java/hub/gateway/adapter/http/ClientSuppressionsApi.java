package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.BlockRecipientUseCase;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.LiftSuppressionUseCase;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.ListSuppressionsUseCase;
import hub.gateway.application.port.in.ListSuppressionsUseCase.ListSuppressionsResult;
import hub.gateway.domain.account.AccountId;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/** {@code /api/suppressions}: the client's own blocks and its recipients' opt-outs, behind the client guard. */
final class ClientSuppressionsApi implements HttpService {
    private final ClientGuard guard;
    private final ListSuppressionsUseCase listSuppressions;
    private final BlockRecipientUseCase blockRecipient;
    private final LiftSuppressionUseCase liftSuppression;

    ClientSuppressionsApi(ClientGuard guard, ListSuppressionsUseCase listSuppressions,
                          BlockRecipientUseCase blockRecipient, LiftSuppressionUseCase liftSuppression) {
        this.guard = guard;
        this.listSuppressions = listSuppressions;
        this.blockRecipient = blockRecipient;
        this.liftSuppression = liftSuppression;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/suppressions", guard.then(this::suppressions))
                .post("/suppressions", guard.then(this::block))
                .any("/suppressions", Routes.methodNotAllowed("GET, POST"))
                .delete("/suppressions/{instance_id}/{phone}", guard.then(this::lift))
                .any("/suppressions/{instance_id}/{phone}", Routes.methodNotAllowed("DELETE"));
    }

    private Answer suppressions(ServerRequest req, AccountId account) {
        return switch (listSuppressions.list(account, QueryInputs.of(req, "instance_id"))) {
            case ListSuppressionsResult.Listed listed -> Answer.ok(JSON.createObjectBuilder()
                    .add("suppressions", Representations.suppressions(listed.suppressions()))
                    .build());
            case ListSuppressionsResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.INVALID_INSTANCE);
            case ListSuppressionsResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        };
    }

    /** Same order as the send: the key, then the body, then the use case. */
    private Answer block(ServerRequest req, AccountId account) {
        return JsonBodies.withObject(req, body -> Suppressions.answerBlock(blockRecipient.block(BlockRecipientCommand.byClient(
                        account, JsonBodies.field(body, "instance_id"), JsonBodies.field(body, "phone"))),
                ErrorCatalog.INVALID_INSTANCE));
    }

    private Answer lift(ServerRequest req, AccountId account) {
        String instanceId = req.path().pathParameters().get("instance_id");
        String phone = Suppressions.phoneParameter(req);
        return Suppressions.answerLift(liftSuppression.lift(LiftSuppressionCommand.byClient(account, instanceId, phone)),
                instanceId, phone, ErrorCatalog.INVALID_INSTANCE);
    }
}
