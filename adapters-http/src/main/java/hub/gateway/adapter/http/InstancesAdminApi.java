package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusResult;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceCommand;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceResult;
import hub.gateway.application.port.in.GetInstanceUseCase;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.SearchInstancesUseCase;
import hub.gateway.application.port.in.SearchInstancesUseCase.SearchInstancesResult;
import hub.gateway.application.port.in.WahaInput;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceCommand;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceResult;
import hub.gateway.domain.account.InstanceStatus;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.Optional;

/** {@code /admin/instances} (the search and the creation), one instance, and its pause and resume, behind the admin guard. */
final class InstancesAdminApi implements HttpService {
    private final CreateInstanceUseCase createInstance;
    private final GetInstanceUseCase getInstance;
    private final UpdateInstanceUseCase updateInstance;
    private final ChangeInstanceStatusUseCase changeInstanceStatus;
    private final SearchInstancesUseCase searchInstances;

    InstancesAdminApi(CreateInstanceUseCase createInstance, GetInstanceUseCase getInstance,
                      UpdateInstanceUseCase updateInstance, ChangeInstanceStatusUseCase changeInstanceStatus,
                      SearchInstancesUseCase searchInstances) {
        this.createInstance = createInstance;
        this.getInstance = getInstance;
        this.updateInstance = updateInstance;
        this.changeInstanceStatus = changeInstanceStatus;
        this.searchInstances = searchInstances;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances", Answer.handler(this::search))
                .post("/instances", Answer.handler(this::create))
                .any("/instances", Routes.methodNotAllowed("GET, POST"))
                .get("/instances/{id}", Answer.handler(req -> answer(getInstance.get(id(req)))))
                .patch("/instances/{id}", Answer.handler(this::update))
                .any("/instances/{id}", Routes.methodNotAllowed("GET, PATCH"))
                .post("/instances/{id}/pause", Answer.handler(req -> changeStatus(req, InstanceStatus.PAUSED_FOR_REVIEW)))
                .any("/instances/{id}/pause", Routes.methodNotAllowed("POST"))
                .post("/instances/{id}/resume", Answer.handler(req -> changeStatus(req, InstanceStatus.ACTIVE)))
                .any("/instances/{id}/resume", Routes.methodNotAllowed("POST"));
    }

    /** {@code q}: a fragment of the id, the name or the account id; each instance with its limits and usage. */
    private Answer search(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> switch (searchInstances.search(QueryInputs.text(req, "q"),
                QueryInputs.text(req, "cursor"), limit)) {
            case SearchInstancesResult.Listed listed ->
                    Representations.page("instances", listed.page(), Representations::instance);
            case SearchInstancesResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    private Answer create(ServerRequest req) {
        return JsonBodies.withObject(req, json -> switch (createInstance.create(new CreateInstanceCommand(
                JsonBodies.field(json, "account_id"),
                JsonBodies.field(json, "instance_id"),
                JsonBodies.field(json, "name"),
                JsonBodies.field(json, "plan"),
                JsonBodies.field(json, "transport"),
                JsonBodies.field(json, "webhook_url"),
                JsonBodies.field(json, "phone_number_id"),
                JsonBodies.field(json, "access_token"),
                JsonBodies.field(json, "waba_id"),
                waha(json)), AdminGuard.operator(req))) {
            case CreateInstanceResult.Created created -> Answer.json(Status.CREATED_201.code(),
                    Representations.instance(created.report()).add("webhook_secret", created.webhookSecret()).build());
            case CreateInstanceResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
            case CreateInstanceResult.UnknownAccount ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case CreateInstanceResult.AlreadyExists ignored -> ErrorAnswers.of(ErrorCatalog.CONFLICT);
        });
    }

    private Answer update(ServerRequest req) {
        return JsonBodies.withObject(req, json -> switch (updateInstance.update(new UpdateInstanceCommand(
                id(req),
                JsonBodies.field(json, "plan"),
                JsonBodies.field(json, "daily_limit"),
                JsonBodies.field(json, "monthly_limit"),
                JsonBodies.field(json, "per_minute_limit"),
                JsonBodies.field(json, "webhook_url"),
                JsonBodies.field(json, "name"),
                JsonBodies.field(json, "phone_number_id"),
                JsonBodies.field(json, "access_token"),
                JsonBodies.field(json, "waba_id"),
                waha(json)), AdminGuard.operator(req))) {
            case UpdateInstanceResult.Updated updated -> answer(Optional.of(updated.report()));
            case UpdateInstanceResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case UpdateInstanceResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    private static WahaInput waha(jakarta.json.JsonObject json) {
        return new WahaInput(JsonBodies.field(json, "waha_url"), JsonBodies.field(json, "waha_session"),
                JsonBodies.field(json, "waha_api_key"), JsonBodies.field(json, "waha_webhook_key"));
    }

    /** The body is optional ({@code {note}}): curl users pause and resume with none. */
    private Answer changeStatus(ServerRequest req, InstanceStatus status) {
        return JsonBodies.withOptionalObject(req, json -> switch (changeInstanceStatus.changeStatus(
                new ChangeInstanceStatusCommand(id(req), status, JsonBodies.field(json, "note")), AdminGuard.operator(req))) {
            case ChangeInstanceStatusResult.Done done -> answer(Optional.of(done.report()));
            case ChangeInstanceStatusResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case ChangeInstanceStatusResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private static Answer answer(Optional<InstanceReport> report) {
        return report.map(found -> Answer.ok(Representations.instance(found).build()))
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND));
    }
}
