package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.GetMessageUseCase;
import hub.gateway.application.port.in.ListMessagesUseCase;
import hub.gateway.application.port.in.ListMessagesUseCase.ListMessagesQuery;
import hub.gateway.application.port.in.ListMessagesUseCase.ListMessagesResult;
import hub.gateway.domain.account.AccountId;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;

/** {@code /api/messages} and {@code /api/messages/{log_id}}: the client's message log, behind the client guard. */
final class MessagesApi implements HttpService {
    private final ClientGuard guard;
    private final GetMessageUseCase getMessage;
    private final ListMessagesUseCase listMessages;

    MessagesApi(ClientGuard guard, GetMessageUseCase getMessage, ListMessagesUseCase listMessages) {
        this.guard = guard;
        this.getMessage = getMessage;
        this.listMessages = listMessages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/messages/{log_id}", guard.then(this::message))
                .any("/messages/{log_id}", Routes.methodNotAllowed("GET"))
                .get("/messages", guard.then(this::messages))
                .any("/messages", Routes.methodNotAllowed("GET"));
    }

    /** Another account's log row is answered exactly as a missing one. */
    private Answer message(ServerRequest req, AccountId account) {
        return WholeNumbers.positiveLong(req.path().pathParameters().get("log_id"))
                .flatMap(id -> getMessage.get(account, id))
                .map(record -> Answer.ok(Representations.message(record).build()))
                .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND));
    }

    private Answer messages(ServerRequest req, AccountId account) {
        ListMessagesQuery query = new ListMessagesQuery(account, QueryInputs.of(req, "instance_id"), QueryInputs.of(req, "limit"));
        return switch (listMessages.list(query)) {
            case ListMessagesResult.Listed listed -> {
                JsonArrayBuilder messages = JSON.createArrayBuilder();
                listed.messages().forEach(m -> messages.add(Representations.message(m)));
                yield Answer.ok(JSON.createObjectBuilder().add("messages", messages).build());
            }
            case ListMessagesResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.INVALID_INSTANCE);
            case ListMessagesResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        };
    }
}
