package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.RevokeApiKeyUseCase;
import hub.gateway.application.port.in.RevokeApiKeyUseCase.RevokeApiKeyResult;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/** {@code /admin/api-keys/{id}/revoke}, behind the admin guard. */
final class ApiKeysAdminApi implements HttpService {
    private final RevokeApiKeyUseCase revokeApiKey;

    ApiKeysAdminApi(RevokeApiKeyUseCase revokeApiKey) {
        this.revokeApiKey = revokeApiKey;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api-keys/{api_key_id}/revoke", Answer.handler(this::revoke))
                .any("/api-keys/{api_key_id}/revoke", Routes.methodNotAllowed("POST"));
    }

    private Answer revoke(ServerRequest req) {
        return switch (revokeApiKey.revoke(req.path().pathParameters().get("api_key_id"), AdminGuard.operator(req))) {
            case RevokeApiKeyResult.Revoked revoked -> Answer.ok(JSON.createObjectBuilder()
                    .add("api_key_id", revoked.apiKeyId())
                    .add("revoked", true)
                    .build());
            case RevokeApiKeyResult.UnknownKey ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
        };
    }
}
