package hub.gateway.adapter.http;

import hub.gateway.application.port.in.SignOutOperatorUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/** {@code POST /console/sign-out}, behind the console guard (so with the CSRF token): ends the session, forgets the cookie. */
final class ConsoleSignOut implements HttpService {
    static final String PATH = "/sign-out";

    private final SignOutOperatorUseCase signOut;

    ConsoleSignOut(SignOutOperatorUseCase signOut) {
        this.signOut = signOut;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, Answer.handler(this::signOut))
                .any(PATH, ConsoleHtml.methodNotAllowed("POST"));
    }

    private Answer signOut(ServerRequest req) {
        signOut.signOut(ConsoleVisit.of(req).sessionId());
        return ConsoleHtml.redirect(ConsoleHtml.SIGN_IN)
                .withHeader(HeaderNames.SET_COOKIE.defaultCase(), ConsoleCookies.ending(req));
    }
}
