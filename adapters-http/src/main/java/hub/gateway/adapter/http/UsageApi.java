package hub.gateway.adapter.http;

import hub.gateway.application.port.in.GetUsageUseCase;
import hub.gateway.application.port.in.GetUsageUseCase.GetUsageResult;
import hub.gateway.domain.account.AccountId;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/** {@code GET /api/usage}: an instance's counted sends and limits, behind the client guard. */
final class UsageApi implements HttpService {
    private final ClientGuard guard;
    private final GetUsageUseCase getUsage;

    UsageApi(ClientGuard guard, GetUsageUseCase getUsage) {
        this.guard = guard;
        this.getUsage = getUsage;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/usage", guard.then(this::usage))
                .any("/usage", Routes.methodNotAllowed("GET"));
    }

    private Answer usage(ServerRequest req, AccountId account) {
        return switch (getUsage.usage(account, QueryInputs.of(req, "instance_id"))) {
            case GetUsageResult.Found found -> Answer.ok(Representations.usage(found.report()).build());
            case GetUsageResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.INVALID_INSTANCE);
            case GetUsageResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        };
    }
}
