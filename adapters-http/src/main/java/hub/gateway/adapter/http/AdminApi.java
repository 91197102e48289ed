package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceCommand;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceResult;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.application.port.in.ListMessagesUseCase;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.RevokeApiKeyUseCase.RevokeApiKeyResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceCommand;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceResult;
import hub.gateway.domain.AccountId;
import hub.gateway.domain.FieldError;
import hub.gateway.domain.InstanceStatus;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The operator API under {@code /admin}, guarded by one bearer token. Without a configured token every
 * call answers 401: a deployment that forgot the token must not be open.
 */
final class AdminApi implements HttpService {
    private final UseCases useCases;
    private final Optional<String> adminToken;
    /** When a simulated inbound message arrived: the edge is where it arrives. */
    private final Clock clock;

    AdminApi(UseCases useCases, Optional<String> adminToken, Clock clock) {
        this.useCases = useCases;
        this.adminToken = adminToken;
        this.clock = clock;
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
                .any("/instances/{id}/resume", Routes.methodNotAllowed("POST"))
                .post("/instances/{id}/inbound", this::inbound)
                .any("/instances/{id}/inbound", Routes.methodNotAllowed("POST"))
                .post("/instances/{id}/suppressions", this::block)
                .any("/instances/{id}/suppressions", Routes.methodNotAllowed("POST"))
                .delete("/instances/{id}/suppressions/{phone}", this::lift)
                .any("/instances/{id}/suppressions/{phone}", Routes.methodNotAllowed("DELETE"))
                .get("/instances/{id}/webhook-deliveries", this::deliveries)
                .any("/instances/{id}/webhook-deliveries", Routes.methodNotAllowed("GET"))
                .post("/instances/{id}/webhook-deliveries/{event_id}/replay", this::replay)
                .any("/instances/{id}/webhook-deliveries/{event_id}/replay", Routes.methodNotAllowed("POST"))
                .get("/instances/{id}/risk-events", this::riskEvents)
                .any("/instances/{id}/risk-events", Routes.methodNotAllowed("GET"));
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
                JsonBodies.field(json, "webhook_url"),
                JsonBodies.field(json, "phone_number_id"),
                JsonBodies.field(json, "access_token"));
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
                JsonBodies.field(json, "name"),
                JsonBodies.field(json, "phone_number_id"),
                JsonBodies.field(json, "access_token"));
        switch (useCases.updateInstance().update(command)) {
            case UpdateInstanceResult.Updated updated -> answerInstance(res, Optional.of(updated.report()));
            case UpdateInstanceResult.UnknownInstance ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
            case UpdateInstanceResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    private void changeStatus(ServerRequest req, ServerResponse res, InstanceStatus status) {
        answerInstance(res, useCases.changeInstanceStatus().changeStatus(req.path().pathParameters().get("id"), status));
    }

    /** The sandbox's stand-in for a recipient writing to the instance (contract §5). */
    private void inbound(ServerRequest req, ServerResponse res) {
        Optional<JsonObject> body = body(req, res);
        if (body.isEmpty()) {
            return;
        }
        InboundMessage message = new InboundMessage(req.path().pathParameters().get("id"),
                textOrNull(body.get(), "from"), textOrNull(body.get(), "text"), clock.instant(), true);
        switch (useCases.receiveInboundMessage().receive(message)) {
            case InboundResult.OptedOut ignored -> accepted(res, "opted_out");
            case InboundResult.OptedIn ignored -> accepted(res, "opted_in");
            case InboundResult.NoChange ignored -> accepted(res, "no_change");
            case InboundResult.UnknownInstance ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
            case InboundResult.NotASandboxInstance ignored -> ErrorResponses.send(res, ErrorCatalog.NOT_A_SANDBOX_INSTANCE);
            case InboundResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    private static void accepted(ServerResponse res, String outcome) {
        res.status(Status.ACCEPTED_202);
        JsonResponses.send(res, JSON.createObjectBuilder().add("accepted", true).add("outcome", outcome).build());
    }

    /** An operator's block: no account, so it may touch any instance. */
    private void block(ServerRequest req, ServerResponse res) {
        Optional<JsonObject> body = body(req, res);
        if (body.isEmpty()) {
            return;
        }
        BlockRecipientCommand command = new BlockRecipientCommand(Optional.empty(),
                Input.text(req.path().pathParameters().get("id")), JsonBodies.field(body.get(), "phone"));
        Suppressions.answerBlock(res, useCases.blockRecipient().block(command), ErrorCatalog.NOT_FOUND);
    }

    private void lift(ServerRequest req, ServerResponse res) {
        String instanceId = req.path().pathParameters().get("id");
        String phone = Suppressions.phoneParameter(req);
        LiftSuppressionResult result = useCases.liftSuppression()
                .lift(new LiftSuppressionCommand(Optional.empty(), instanceId, phone));
        Suppressions.answerLift(res, result, instanceId, phone, ErrorCatalog.NOT_FOUND);
    }

    private void deliveries(ServerRequest req, ServerResponse res) {
        OptionalInt limit = limit(req, res);
        if (limit.isEmpty()) {
            return;
        }
        useCases.listWebhookDeliveries().list(req.path().pathParameters().get("id"), limit.getAsInt())
                .ifPresentOrElse(deliveries -> {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    deliveries.forEach(d -> array.add(Representations.delivery(d)));
                    JsonResponses.send(res, JSON.createObjectBuilder().add("deliveries", array).build());
                }, () -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND));
    }

    /** The operator's answer to "why was this refused or paused?": the stored assessments, newest first. */
    private void riskEvents(ServerRequest req, ServerResponse res) {
        OptionalInt limit = limit(req, res);
        if (limit.isEmpty()) {
            return;
        }
        useCases.listRiskEvents().list(req.path().pathParameters().get("id"), limit.getAsInt())
                .ifPresentOrElse(events -> {
                    JsonArrayBuilder array = JSON.createArrayBuilder();
                    events.forEach(e -> array.add(Representations.riskEvent(e)));
                    JsonResponses.send(res, JSON.createObjectBuilder().add("risk_events", array).build());
                }, () -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND));
    }

    /**
     * The list use cases take the limit as given, so the edge bounds it, with the same default and ceiling as
     * the client's message list. Empty when the limit was refused (the 422 is already answered).
     */
    private static OptionalInt limit(ServerRequest req, ServerResponse res) {
        String rawLimit = req.query().contains("limit") ? req.query().get("limit") : "";
        OptionalInt limit = rawLimit.isBlank()
                ? OptionalInt.of(ListMessagesUseCase.DEFAULT_LIMIT)
                : WholeNumbers.inRange(rawLimit.strip(), 1, ListMessagesUseCase.MAX_LIMIT);
        if (limit.isEmpty()) {
            ErrorResponses.validation(res, List.of(
                    new FieldError("limit", "must be a whole number from 1 to " + ListMessagesUseCase.MAX_LIMIT)));
        }
        return limit;
    }

    private void replay(ServerRequest req, ServerResponse res) {
        Optional<Long> eventId = WholeNumbers.positiveLong(req.path().pathParameters().get("event_id"));
        if (eventId.isPresent() && useCases.replayWebhookEvent().replay(req.path().pathParameters().get("id"), eventId.get())) {
            JsonResponses.send(res, JSON.createObjectBuilder()
                    .add("event_id", eventId.get())
                    .add("status", "pending")
                    .build());
        } else {
            ErrorResponses.send(res, ErrorCatalog.NOT_FOUND);
        }
    }

    /** Text stays text; anything else (absent, null, a number) reaches the use case as no value and is refused there. */
    private static String textOrNull(JsonObject body, String name) {
        return JsonBodies.field(body, name) instanceof Input.Text text ? text.value() : null;
    }

    private static void answerInstance(ServerResponse res, Optional<InstanceReport> report) {
        report.ifPresentOrElse(
                found -> JsonResponses.send(res, Representations.instance(found).build()),
                () -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND));
    }

    private static Optional<JsonObject> body(ServerRequest req, ServerResponse res) {
        return JsonBodies.object(req, res);
    }
}
