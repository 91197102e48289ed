package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonObject;

import java.time.Clock;

/** {@code /admin/instances/{id}/inbound}: the sandbox's stand-in for a recipient writing to the instance (contract §5). */
final class InboundAdminApi implements HttpService {
    private final ReceiveInboundMessageUseCase receiveInbound;
    /** When a simulated inbound message arrived: the edge is where it arrives. */
    private final Clock clock;

    InboundAdminApi(ReceiveInboundMessageUseCase receiveInbound, Clock clock) {
        this.receiveInbound = receiveInbound;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/instances/{id}/inbound", Answer.handler(this::inbound))
                .any("/instances/{id}/inbound", Routes.methodNotAllowed("POST"));
    }

    private Answer inbound(ServerRequest req) {
        return JsonBodies.withObject(req, body -> switch (receiveInbound.receive(new InboundMessage(
                req.path().pathParameters().get("id"), textOrNull(body, "from"), textOrNull(body, "text"),
                clock.instant(), true))) {
            case InboundResult.OptedOut ignored -> accepted("opted_out");
            case InboundResult.OptedIn ignored -> accepted("opted_in");
            case InboundResult.NoChange ignored -> accepted("no_change");
            case InboundResult.UnknownInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case InboundResult.NotASandboxInstance ignored -> ErrorAnswers.of(ErrorCatalog.NOT_A_SANDBOX_INSTANCE);
            case InboundResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        });
    }

    private static Answer accepted(String outcome) {
        return Answer.json(Status.ACCEPTED_202.code(),
                JSON.createObjectBuilder().add("accepted", true).add("outcome", outcome).build());
    }

    /** Text stays text; anything else (absent, null, a number) reaches the use case as no value and is refused there. */
    private static String textOrNull(JsonObject body, String name) {
        return JsonBodies.field(body, name) instanceof Input.Text text ? text.value() : null;
    }
}
