package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.Frame;
import hub.gateway.application.port.in.ActiveConsoleSession;
import hub.gateway.domain.operator.Operator;
import io.helidon.webserver.http.ServerRequest;

/**
 * A request the console guard let through: the session behind its cookie and, for a change, the form it posted
 * (its CSRF token already checked). Put in the request's own context by the guard, read by the page's handler.
 *
 * @param sessionId the cookie's value: sign-out ends the session by it
 */
record ConsoleVisit(String sessionId, ActiveConsoleSession session, ConsoleForms.Form.Read form) {
    private static final String CONTEXT_KEY = "hub.gateway.console-visit";

    void registerIn(ServerRequest req) {
        req.context().register(CONTEXT_KEY, this);
    }

    /** Only routes behind the console guard ask. */
    static ConsoleVisit of(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, ConsoleVisit.class)
                .orElseThrow(() -> new IllegalStateException("a console route without the console guard"));
    }

    Operator operator() {
        return session.operator();
    }

    String field(String name) {
        return form.field(name);
    }

    Frame frame(String title, String section) {
        return Frame.signedIn(title, section, session.operator().name(), session.csrfToken());
    }
}
