package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.ListAccountsUseCase;
import hub.gateway.application.port.in.ListAccountsUseCase.ListAccountsResult;
import hub.gateway.application.port.in.ListApiKeysUseCase;
import hub.gateway.domain.account.AccountId;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;

/** {@code /admin/accounts} and their API keys (listed without the keys themselves), behind the admin guard. */
final class AccountsAdminApi implements HttpService {
    private final CreateAccountUseCase createAccount;
    private final IssueApiKeyUseCase issueApiKey;
    private final ListAccountsUseCase listAccounts;
    private final ListApiKeysUseCase listApiKeys;

    AccountsAdminApi(CreateAccountUseCase createAccount, IssueApiKeyUseCase issueApiKey, ListAccountsUseCase listAccounts,
                     ListApiKeysUseCase listApiKeys) {
        this.createAccount = createAccount;
        this.issueApiKey = issueApiKey;
        this.listAccounts = listAccounts;
        this.listApiKeys = listApiKeys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/accounts", Answer.handler(this::accounts))
                .post("/accounts", Answer.handler(this::createAccount))
                .any("/accounts", Routes.methodNotAllowed("GET, POST"))
                .get("/accounts/{account_id}/api-keys", Answer.handler(this::apiKeys))
                .post("/accounts/{account_id}/api-keys", Answer.handler(this::issueApiKey))
                .any("/accounts/{account_id}/api-keys", Routes.methodNotAllowed("GET, POST"));
    }

    private Answer accounts(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> switch (listAccounts.listAccounts(QueryInputs.text(req, "cursor"), limit)) {
            case ListAccountsResult.Listed listed ->
                    Representations.page("accounts", listed.page(), Representations::accountSummary);
            case ListAccountsResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    /** Few per account, so unpaged. */
    private Answer apiKeys(ServerRequest req) {
        return listApiKeys.listKeys(req.path().pathParameters().get("account_id"))
                .map(keys -> {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    keys.forEach(k -> array.add(Representations.apiKey(k)));
                    return Answer.ok(JSON.createObjectBuilder().add("api_keys", array).build());
                })
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND));
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
