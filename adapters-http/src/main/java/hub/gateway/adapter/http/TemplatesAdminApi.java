package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.DeleteTemplateUseCase.DeleteTemplateResult;
import hub.gateway.application.port.in.RegisterTemplateUseCase.RegisterTemplateCommand;
import hub.gateway.application.port.in.RegisterTemplateUseCase.RegisterTemplateResult;
import hub.gateway.application.port.in.SyncTemplatesUseCase.SyncTemplatesResult;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateButton;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.List;

/** {@code /admin/instances/{id}/templates}: an instance's message templates (contract §13), behind the admin guard. */
final class TemplatesAdminApi implements HttpService {
    private final UseCases.TemplateAdmin templates;

    TemplatesAdminApi(UseCases.TemplateAdmin templates) {
        this.templates = templates;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances/{id}/templates", Answer.handler(this::list))
                .post("/instances/{id}/templates", Answer.handler(this::register))
                .any("/instances/{id}/templates", Routes.methodNotAllowed("GET, POST"))
                .post("/instances/{id}/templates/sync", Answer.handler(this::sync))
                .any("/instances/{id}/templates/sync", Routes.methodNotAllowed("POST"))
                .delete("/instances/{id}/templates/{name}/{language}", Answer.handler(this::delete))
                .any("/instances/{id}/templates/{name}/{language}", Routes.methodNotAllowed("DELETE"));
    }

    private Answer list(ServerRequest req) {
        return templates.list().list(id(req))
                .map(found -> Answer.ok(list(found).build()))
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND));
    }

    private Answer register(ServerRequest req) {
        return JsonBodies.withObject(req, json -> switch (templates.register().register(new RegisterTemplateCommand(
                id(req),
                JsonBodies.field(json, "name"),
                JsonBodies.field(json, "language"),
                JsonBodies.field(json, "category"),
                JsonBodies.field(json, "body"),
                JsonBodies.field(json, "buttons")), AdminGuard.operator(req))) {
            case RegisterTemplateResult.Registered registered ->
                    Answer.json(Status.CREATED_201.code(), template(registered.template()).build());
            case RegisterTemplateResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
            case RegisterTemplateResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case RegisterTemplateResult.AlreadyExists ignored -> ErrorAnswers.of(ErrorCatalog.CONFLICT);
        });
    }

    private Answer delete(ServerRequest req) {
        String name = req.path().pathParameters().get("name");
        String language = req.path().pathParameters().get("language");
        return switch (templates.delete().delete(id(req), name, language, AdminGuard.operator(req))) {
            case DeleteTemplateResult.Deleted ignored -> Answer.ok(JSON.createObjectBuilder()
                    .add("deleted", true).add("name", name).add("language", language).build());
            case DeleteTemplateResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case DeleteTemplateResult.UnknownTemplate ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
        };
    }

    private Answer sync(ServerRequest req) {
        return switch (templates.sync().sync(id(req), AdminGuard.operator(req))) {
            case SyncTemplatesResult.Synced synced -> Answer.ok(list(synced.templates())
                    .add("read", synced.read())
                    .add("skipped", synced.skipped())
                    .build());
            case SyncTemplatesResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case SyncTemplatesResult.NothingToSync ignored -> ErrorAnswers.of(ErrorCatalog.NO_TEMPLATES_TO_SYNC);
            case SyncTemplatesResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
            case SyncTemplatesResult.Failed failed -> ErrorAnswers.of(ErrorCatalog.TEMPLATE_SYNC_FAILED,
                    ErrorAnswers.details(ErrorCatalog.TEMPLATE_SYNC_FAILED).add("transport_error", JSON.createObjectBuilder()
                            .add("code", failed.code())
                            .add("title", failed.title())));
        };
    }

    private static JsonObjectBuilder list(List<Template> found) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        found.forEach(template -> array.add(template(template)));
        return JSON.createObjectBuilder().add("templates", array);
    }

    static JsonObjectBuilder template(Template template) {
        JsonArrayBuilder buttons = JSON.createArrayBuilder();
        for (TemplateButton button : template.buttons()) {
            JsonObjectBuilder shown = JSON.createObjectBuilder()
                    .add("type", button.type().wireName())
                    .add("text", button.text());
            button.value().ifPresent(value -> shown.add(button.type() == TemplateButton.Type.URL ? "url" : "phone_number", value));
            buttons.add(shown);
        }
        return JSON.createObjectBuilder()
                .add("name", template.key().name())
                .add("language", template.key().language())
                .add("category", template.category().wireName())
                .add("body", template.body().text())
                .add("buttons", buttons)
                .add("status", template.status().wireName())
                .add("quality", template.quality().<JsonValue>map(q -> JSON.createValue(q.wireName())).orElse(JsonValue.NULL))
                .add("placeholders", template.body().placeholders());
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
