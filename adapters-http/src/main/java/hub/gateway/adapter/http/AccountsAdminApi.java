package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.domain.account.AccountId;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/** {@code /admin/accounts} and their API keys, behind the admin guard. */
final class AccountsAdminApi implements HttpService {
    private final CreateAccountUseCase createAccount;
    private final IssueApiKeyUseCase issueApiKey;

    AccountsAdminApi(CreateAccountUseCase createAccount, IssueApiKeyUseCase issueApiKey) {
        this.createAccount = createAccount;
        this.issueApiKey = issueApiKey;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/accounts", Answer.handler(this::createAccount))
                .any("/accounts", Routes.methodNotAllowed("POST"))
                .post("/accounts/{account_id}/api-keys", Answer.handler(this::issueApiKey))
                .any("/accounts/{account_id}/api-keys", Routes.methodNotAllowed("POST"));
    }

    private Answer createAccount(ServerRequest req) {
        return JsonBodies.withObject(req, body -> switch (createAccount.create(new CreateAccountCommand(
                JsonBodies.field(body, "name"), JsonBodies.field(body, "timezone")), AdminGuard.operator(req))) {
            case CreateAccountResult.Created created -> Answer.json(Status.CREATED_201.code(), JSON.createObjectBuilder()
                    .add("account_id", created.account().id().value())
                    .add("name", created.account().name())
                    .add("timezone", created.account().timeZone().getId())
                    .build());
            case CreateAccountResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    private Answer issueApiKey(ServerRequest req) {
        AccountId accountId = new AccountId(req.path().pathParameters().get("account_id"));
        return switch (issueApiKey.issue(accountId, AdminGuard.operator(req))) {
            case IssueApiKeyResult.Issued issued -> Answer.json(Status.CREATED_201.code(), JSON.createObjectBuilder()
                    .add("api_key_id", issued.apiKeyId())
                    .add("api_key", issued.secret().value())
                    .build());
            case IssueApiKeyResult.UnknownAccount ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
        };
    }
}
