package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.Feedback;
import hub.gateway.adapter.http.console.JteaccountGenerated;
import hub.gateway.adapter.http.console.JteaccountsGenerated;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.ListAccountsUseCase;
import hub.gateway.application.port.in.ListAccountsUseCase.ListAccountsResult;
import hub.gateway.application.port.in.ListApiKeysUseCase;
import hub.gateway.application.port.in.ListApiKeysUseCase.ApiKeySummary;
import hub.gateway.application.port.in.RevokeApiKeyUseCase;
import hub.gateway.application.port.in.RevokeApiKeyUseCase.RevokeApiKeyResult;
import hub.gateway.domain.account.AccountId;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/accounts}: the accounts, newest first, and creating one; {@code /console/accounts/{id}}: its API
 * keys, issuing one (its text is on that one answer, never in a URL or a redirect) and revoking one. The same use
 * cases as {@code /admin/accounts} and {@code /admin/api-keys}, audited with the operator.
 */
final class AccountsPage implements HttpService {
    static final int PAGE_SIZE = 50;
    private static final Map<String, String> NOTICES = Map.of(
            "created", "The account is created.",
            "revoked", "The key is revoked: every node refuses it within a second.");

    private final ListAccountsUseCase listAccounts;
    private final CreateAccountUseCase createAccount;
    private final ListApiKeysUseCase listKeys;
    private final IssueApiKeyUseCase issueKey;
    private final RevokeApiKeyUseCase revokeKey;

    AccountsPage(ListAccountsUseCase listAccounts, CreateAccountUseCase createAccount, ListApiKeysUseCase listKeys,
                 IssueApiKeyUseCase issueKey, RevokeApiKeyUseCase revokeKey) {
        this.listAccounts = listAccounts;
        this.createAccount = createAccount;
        this.listKeys = listKeys;
        this.issueKey = issueKey;
        this.revokeKey = revokeKey;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/accounts", Answer.handler(req -> list(req, Feedback.NONE, Status.OK_200.code())))
                .post("/accounts", Answer.handler(this::create))
                .any("/accounts", ConsoleHtml.methodNotAllowed("GET, POST"))
                .get("/accounts/{id}", Answer.handler(req -> account(req, null, Feedback.notice(
                        QueryInputs.text(req, "done").map(NOTICES::get)))))
                .any("/accounts/{id}", ConsoleHtml.methodNotAllowed("GET"))
                .post("/accounts/{id}/api-keys", Answer.handler(this::issue))
                .any("/accounts/{id}/api-keys", ConsoleHtml.methodNotAllowed("POST"))
                .post("/accounts/{id}/api-keys/{key_id}/revoke", Answer.handler(this::revoke))
                .any("/accounts/{id}/api-keys/{key_id}/revoke", ConsoleHtml.methodNotAllowed("POST"));
    }

    private Answer list(ServerRequest req, Feedback feedback, int status) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        Optional<String> cursor = status == Status.OK_200.code() ? QueryInputs.text(req, "cursor") : Optional.empty();
        return switch (listAccounts.listAccounts(cursor, PAGE_SIZE)) {
            case ListAccountsResult.Listed listed -> ConsoleHtml.page(status, out -> JteaccountsGenerated.render(out, null,
                    visit.frame("Accounts", "/accounts"), listed.page(), listed.page().nextCursor()
                            .map(c -> ConsoleHtml.PREFIX + "/accounts?cursor=" + InstanceListPage.encode(c)).orElse(null),
                    feedback));
            case ListAccountsResult.Invalid invalid -> ConsoleHtml.problem(Status.UNPROCESSABLE_CONTENT_422.code(),
                    visit.frame("Accounts", "/accounts"), "No such list", InstancePage.sentences(invalid.fields()));
        };
    }

    private Answer create(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        String timeZone = visit.field("timezone").strip();
        return switch (createAccount.create(new CreateAccountCommand(Input.text(visit.field("name")),
                timeZone.isEmpty() ? Input.MISSING : Input.text(timeZone)), visit.operator())) {
            case CreateAccountResult.Created created -> ConsoleHtml.redirect(ConsoleHtml.PREFIX + "/accounts/"
                    + InstanceListPage.encode(created.account().id().value()) + "?done=created");
            case CreateAccountResult.Invalid invalid -> list(req, Feedback.refused("create",
                    InstancePage.sentences(invalid.fields()), Map.of("name", visit.field("name"), "timezone", timeZone)),
                    Status.UNPROCESSABLE_CONTENT_422.code());
        };
    }

    /** Answered with the page itself, not a redirect: the key must not travel in a URL. */
    private Answer issue(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        return switch (issueKey.issue(new AccountId(id(req)), visit.operator())) {
            case IssueApiKeyResult.Issued issued -> account(req, issued.secret().value(), Feedback.NONE);
            case IssueApiKeyResult.UnknownAccount ignored -> unknown(req);
        };
    }

    private Answer revoke(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        return switch (revokeKey.revoke(req.path().pathParameters().get("key_id"), visit.operator())) {
            case RevokeApiKeyResult.Revoked ignored -> ConsoleHtml.redirect(ConsoleHtml.PREFIX + "/accounts/"
                    + InstanceListPage.encode(id(req)) + "?done=revoked");
            case RevokeApiKeyResult.UnknownKey ignored -> ConsoleNotFound.page(req, "There is no such key.");
        };
    }

    private Answer account(ServerRequest req, String issuedKey, Feedback feedback) {
        Optional<List<ApiKeySummary>> keys = listKeys.listKeys(id(req));
        if (keys.isEmpty()) {
            return unknown(req);
        }
        return ConsoleHtml.ok(out -> JteaccountGenerated.render(out, null,
                ConsoleVisit.of(req).frame("Account " + id(req), "/accounts"), id(req), keys.get(), issuedKey, feedback));
    }

    private static Answer unknown(ServerRequest req) {
        return ConsoleNotFound.page(req, "There is no account " + id(req) + ".");
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
