package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ListInstanceMessagesUseCase;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase.ListInstanceMessagesResult;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code /admin/instances/{id}/messages}: an instance's message log, newest first and paged, in the shape the client
 * reads its own ({@code /api/messages}); behind the admin guard.
 */
final class MessagesAdminApi implements HttpService {
    private final ListInstanceMessagesUseCase listMessages;

    MessagesAdminApi(ListInstanceMessagesUseCase listMessages) {
        this.listMessages = listMessages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances/{id}/messages", Answer.handler(this::messages))
                .any("/instances/{id}/messages", Routes.methodNotAllowed("GET"));
    }

    private Answer messages(ServerRequest req) {
        return ListLimits.withLimit(req, limit -> switch (listMessages.listMessages(req.path().pathParameters().get("id"),
                QueryInputs.text(req, "cursor"), limit)) {
            case ListInstanceMessagesResult.Listed listed ->
                    Representations.page("messages", listed.page(), Representations::message);
            case ListInstanceMessagesResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case ListInstanceMessagesResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }
}
