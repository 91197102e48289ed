package hub.gateway.adapter.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Registered last under {@code /console}: a path no page serves, for a signed-in operator, is a 404 page (not JSON). */
final class ConsoleNotFound implements HttpService {
    @Override
    public void routing(HttpRules rules) {
        rules.any(ConsoleNotFound::notFound);
    }

    private static void notFound(ServerRequest req, ServerResponse res) {
        ConsoleHtml.problem(Status.NOT_FOUND_404.code(), ConsoleVisit.of(req).frame("Not found", ""), "Not found",
                "The console has no such page.").writeTo(req, res);
    }

    /** For a page about something that does not exist (an unknown instance). */
    static Answer page(ServerRequest req, String explanation) {
        return ConsoleHtml.problem(Status.NOT_FOUND_404.code(), ConsoleVisit.of(req).frame("Not found", ""), "Not found",
                explanation);
    }
}
