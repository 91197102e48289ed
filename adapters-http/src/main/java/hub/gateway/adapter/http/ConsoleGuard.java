package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ActiveConsoleSession;
import hub.gateway.application.port.in.FindConsoleSessionUseCase;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The console's one guard, registered under {@code /console} after the sign-in page and the stylesheet, before
 * every other page: a live session for every path, known or not. Without one (never signed in, signed out, idle
 * 8 hours, operator revoked: the use case reads the store each time) the browser is sent to the sign-in page (303),
 * whatever it asked. A change (any method but GET and HEAD) must also carry the session's CSRF token in its form's
 * {@code csrf} field, else it is refused with an HTML 403 page and changes nothing.
 */
final class ConsoleGuard implements HttpService {
    static final String CSRF_FIELD = "csrf";

    private final FindConsoleSessionUseCase findSession;

    ConsoleGuard(FindConsoleSessionUseCase findSession) {
        this.findSession = findSession;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::requireSession);
    }

    private void requireSession(ServerRequest req, ServerResponse res) {
        Optional<String> sessionId = ConsoleCookies.sessionId(req);
        Optional<ActiveConsoleSession> session = sessionId.flatMap(findSession::find);
        if (session.isEmpty()) {
            Answer toSignIn = ConsoleHtml.redirect(ConsoleHtml.SIGN_IN);
            // A cookie that opens nothing any more is forgotten.
            (sessionId.isPresent() ? toSignIn.withHeader(HeaderNames.SET_COOKIE.defaultCase(), ConsoleCookies.ending(req))
                    : toSignIn).writeTo(req, res);
            return;
        }
        Method method = req.prologue().method();
        if (method == Method.GET || method == Method.HEAD) {
            new ConsoleVisit(sessionId.get(), session.get(), new ConsoleForms.Form.Read(Map.of())).registerIn(req);
            res.next();
            return;
        }
        switch (ConsoleForms.read(req)) {
            case ConsoleForms.Form.Refused refused -> refused.answer().writeTo(req, res);
            case ConsoleForms.Form.Read form -> {
                if (sameToken(form.field(CSRF_FIELD), session.get().csrfToken())) {
                    new ConsoleVisit(sessionId.get(), session.get(), form).registerIn(req);
                    res.next();
                } else {
                    ConsoleHtml.forbidden("This form did not carry the session's CSRF token, so nothing was changed."
                            + " Reload the page and try again.").writeTo(req, res);
                }
            }
        }
    }

    /** In constant time: how much of the token matched must not show in how long the answer took. */
    private static boolean sameToken(String given, String expected) {
        return !given.isEmpty() && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
