package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.CreateOperatorUseCase;
import hub.gateway.application.port.in.CreateOperatorUseCase.CreateOperatorCommand;
import hub.gateway.application.port.in.CreateOperatorUseCase.CreateOperatorResult;
import hub.gateway.application.port.in.ListOperatorsUseCase;
import hub.gateway.application.port.in.ListOperatorsUseCase.ListedOperator;
import hub.gateway.application.port.in.RevokeOperatorUseCase;
import hub.gateway.application.port.in.RevokeOperatorUseCase.RevokeOperatorResult;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.Optional;

/** {@code /admin/operators}: create, list and revoke operators, behind the admin guard. */
final class OperatorsAdminApi implements HttpService {
    private final CreateOperatorUseCase createOperator;
    private final ListOperatorsUseCase listOperators;
    private final RevokeOperatorUseCase revokeOperator;

    OperatorsAdminApi(CreateOperatorUseCase createOperator, ListOperatorsUseCase listOperators,
                      RevokeOperatorUseCase revokeOperator) {
        this.createOperator = createOperator;
        this.listOperators = listOperators;
        this.revokeOperator = revokeOperator;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/operators", Answer.handler(this::create))
                .get("/operators", Answer.handler(req -> list()))
                .any("/operators", Routes.methodNotAllowed("GET, POST"))
                .post("/operators/{operator_id}/revoke", Answer.handler(this::revoke))
                .any("/operators/{operator_id}/revoke", Routes.methodNotAllowed("POST"));
    }

    private Answer create(ServerRequest req) {
        return JsonBodies.withObject(req, json -> switch (createOperator.create(
                new CreateOperatorCommand(JsonBodies.field(json, "name")), AdminGuard.operator(req))) {
            case CreateOperatorResult.Created created -> Answer.json(Status.CREATED_201.code(), JSON.createObjectBuilder()
                    .add("operator_id", created.operator().id())
                    .add("name", created.operator().name())
                    .add("token", created.token().value())
                    .build());
            case CreateOperatorResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
            case CreateOperatorResult.NameTaken ignored -> ErrorAnswers.of(ErrorCatalog.OPERATOR_NAME_TAKEN);
        });
    }

    private Answer list() {
        JsonArrayBuilder operators = JSON.createArrayBuilder();
        listOperators.list().forEach(listed -> operators.add(listed(listed)));
        return Answer.ok(JSON.createObjectBuilder().add("operators", operators).build());
    }

    private Answer revoke(ServerRequest req) {
        return switch (revokeOperator.revoke(req.path().pathParameters().get("operator_id"), AdminGuard.operator(req))) {
            case RevokeOperatorResult.Revoked revoked -> Answer.ok(JSON.createObjectBuilder()
                    .add("operator_id", revoked.operatorId())
                    .add("revoked", true)
                    .build());
            case RevokeOperatorResult.UnknownOperator ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case RevokeOperatorResult.BuiltIn ignored -> ErrorAnswers.of(ErrorCatalog.BUILT_IN_OPERATOR);
        };
    }

    private static JsonObject listed(ListedOperator listed) {
        return JSON.createObjectBuilder()
                .add("operator_id", listed.operator().id())
                .add("name", listed.operator().name())
                .add("built_in", listed.builtIn())
                .add("created_at", timeOrNull(listed.createdAt()))
                .add("revoked_at", timeOrNull(listed.revokedAt()))
                .build();
    }

    private static JsonValue timeOrNull(Optional<Instant> at) {
        return at.<JsonValue>map(instant -> JSON.createValue(Representations.time(instant))).orElse(JsonValue.NULL);
    }
}
