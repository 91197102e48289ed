package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.JteauditGenerated;
import hub.gateway.application.port.in.ListAuditEntriesUseCase;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.OptionalInt;

/** {@code /console/audit}: the operator audit log, newest first, as {@code GET /admin/audit?limit=} lists it. */
final class AuditPage implements HttpService {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final List<Integer> LIMITS = List.of(50, DEFAULT_LIMIT, MAX_LIMIT);

    private final ListAuditEntriesUseCase listAuditEntries;

    AuditPage(ListAuditEntriesUseCase listAuditEntries) {
        this.listAuditEntries = listAuditEntries;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", Answer.handler(this::audit))
                .any("/audit", ConsoleHtml.methodNotAllowed("GET"));
    }

    private Answer audit(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        String raw = QueryInputs.text(req, "limit").orElse("").strip();
        OptionalInt limit = raw.isEmpty() ? OptionalInt.of(DEFAULT_LIMIT) : WholeNumbers.inRange(raw, 1, MAX_LIMIT);
        if (limit.isEmpty()) {
            return ConsoleHtml.problem(Status.UNPROCESSABLE_CONTENT_422.code(), visit.frame("Audit", "/audit"),
                    "No such list", "The limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        return ConsoleHtml.ok(out -> JteauditGenerated.render(out, null, visit.frame("Audit", "/audit"),
                listAuditEntries.list(limit.getAsInt()), limit.getAsInt(), LIMITS));
    }
}
