package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceCommand;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceResult;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.RevokeApiKeyUseCase.RevokeApiKeyResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceCommand;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceResult;
import hub.gateway.domain.AccountId;
import hub.gateway.domain.InstanceStatus;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObject;

import java.util.Optional;

/**
 * The operator API under {@code /admin}, guarded by one bearer token. Without a configured token every
 * call answers 401: a deployment that forgot the token must not be open.
 */
final class AdminApi implements HttpService {
    private final UseCases useCases;
    private final Optional<String> adminToken;

    AdminApi(UseCases useCases, Optional<String> adminToken) {
        this.useCases = useCases;
        this.adminToken = adminToken;
    }

    @Override
    public void routing(HttpRules rules) {
        // The guard runs first for every path under /admin, known or not, so that nothing about the
        // admin API (not even which paths exist) is told to a caller without the token.
        rules.any(this::requireAdmin)
                .post("/accounts", this::createAccount)
                .any("/accounts", Routes.methodNotAllowed("POST"))
                .post("/accounts/{account_id}/api-keys", this::issueApiKey)
                .any("/accounts/{account_id}/api-keys", Routes.methodNotAllowed("POST"))
                .post("/api-keys/{api_key_id}/revoke", this::revokeApiKey)
                .any("/api-keys/{api_key_id}/revoke", Routes.methodNotAllowed("POST"))
                .post("/instances", this::createInstance)
                .any("/instances", Routes.methodNotAllowed("POST"))
                .get("/instances/{id}", this::getInstance)
                .patch("/instances/{id}", this::updateInstance)
                .any("/instances/{id}", Routes.methodNotAllowed("GET, PATCH"))
                .post("/instances/{id}/pause", (req, res) -> changeStatus(req, res, InstanceStatus.PAUSED_FOR_REVIEW))
                .any("/instances/{id}/pause", Routes.methodNotAllowed("POST"))
                .post("/instances/{id}/resume", (req, res) -> changeStatus(req, res, InstanceStatus.ACTIVE))
                .any("/instances/{id}/resume", Routes.methodNotAllowed("POST"));
    }

    private void requireAdmin(ServerRequest req, ServerResponse res) {
        boolean authorized = adminToken.isPresent()
                && BearerTokens.from(req.headers()).filter(token -> BearerTokens.matches(token, adminToken.get())).isPresent();
        if (authorized) {
            res.next();
        } else {
            ErrorResponses.send(res, ErrorCatalog.UNAUTHORIZED);
        }
    }

    private void createAccount(ServerRequest req, ServerResponse res) {
        Optional<JsonObject> body = body(req, res);
        if (body.isEmpty()) {
            return;
        }
        CreateAccountCommand command = new CreateAccountCommand(
                JsonBodies.field(body.get(), "name"), JsonBodies.field(body.get(), "timezone"));
        switch (useCases.createAccount().create(command)) {
            case CreateAccountResult.Created created -> {
                res.status(Status.CREATED_201);
                JsonResponses.send(res, JSON.createObjectBuilder()
                        .add("account_id", created.account().id().value())
                        .add("name", created.account().name())
                        .add("timezone", created.account().timeZone().getId())
                        .build());
            }
            case CreateAccountResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    private void issueApiKey(ServerRequest req, ServerResponse res) {
        AccountId accountId = new AccountId(req.path().pathParameters().get("account_id"));
        switch (useCases.issueApiKey().issue(accountId)) {
            case IssueApiKeyResult.Issued issued -> {
                res.status(Status.CREATED_201);
                JsonResponses.send(res, JSON.createObjectBuilder()
                        .add("api_key_id", issued.apiKeyId())
                        .add("api_key", issued.secret().value())
                        .build());
            }
            case IssueApiKeyResult.UnknownAccount ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
        }
    }

    private void revokeApiKey(ServerRequest req, ServerResponse res) {
        switch (useCases.revokeApiKey().revoke(req.path().pathParameters().get("api_key_id"))) {
            case RevokeApiKeyResult.Revoked revoked -> JsonResponses.send(res, JSON.createObjectBuilder()
                    .add("api_key_id", revoked.apiKeyId())
                    .add("revoked", true)
                    .build());
            case RevokeApiKeyResult.UnknownKey ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
        }
    }

    private void createInstance(ServerRequest req, ServerResponse res) {
        Optional<JsonObject> body = body(req, res);
        if (body.isEmpty()) {
            return;
        }
        JsonObject json = body.get();
        CreateInstanceCommand command = new CreateInstanceCommand(
                JsonBodies.field(json, "account_id"),
                JsonBodies.field(json, "instance_id"),
                JsonBodies.field(json, "name"),
                JsonBodies.field(json, "plan"),
                JsonBodies.field(json, "transport"),
                JsonBodies.field(json, "webhook_url"));
        switch (useCases.createInstance().create(command)) {
            case CreateInstanceResult.Created created -> {
                res.status(Status.CREATED_201);
                JsonResponses.send(res, Representations.instance(created.report())
                        .add("webhook_secret", created.webhookSecret())
                        .build());
            }
            case CreateInstanceResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
            case CreateInstanceResult.UnknownAccount ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
            case CreateInstanceResult.AlreadyExists ignored -> ErrorResponses.send(res, ErrorCatalog.CONFLICT);
        }
    }

    private void getInstance(ServerRequest req, ServerResponse res) {
        answerInstance(res, useCases.getInstance().get(req.path().pathParameters().get("id")));
    }

    private void updateInstance(ServerRequest req, ServerResponse res) {
        Optional<JsonObject> body = body(req, res);
        if (body.isEmpty()) {
            return;
        }
        JsonObject json = body.get();
        UpdateInstanceCommand command = new UpdateInstanceCommand(
                req.path().pathParameters().get("id"),
                JsonBodies.field(json, "plan"),
                JsonBodies.field(json, "daily_limit"),
                JsonBodies.field(json, "monthly_limit"),
                JsonBodies.field(json, "per_minute_limit"),
                JsonBodies.field(json, "webhook_url"),
                JsonBodies.field(json, "name"));
        switch (useCases.updateInstance().update(command)) {
            case UpdateInstanceResult.Updated updated -> answerInstance(res, Optional.of(updated.report()));
            case UpdateInstanceResult.UnknownInstance ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
            case UpdateInstanceResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    private void changeStatus(ServerRequest req, ServerResponse res, InstanceStatus status) {
        answerInstance(res, useCases.changeInstanceStatus().changeStatus(req.path().pathParameters().get("id"), status));
    }

    private static void answerInstance(ServerResponse res, Optional<InstanceReport> report) {
        report.ifPresentOrElse(
                found -> JsonResponses.send(res, Representations.instance(found).build()),
                () -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND));
    }

    /** The JSON object of the request, or empty after the 415/413/400 has been answered. */
    private static Optional<JsonObject> body(ServerRequest req, ServerResponse res) {
        return switch (JsonBodies.read(req)) {
            case JsonBodies.Body.Parsed parsed -> Optional.of(parsed.object());
            case JsonBodies.Body.Rejected rejected -> {
                ErrorResponses.send(res, rejected.error());
                yield Optional.empty();
            }
        };
    }
}
