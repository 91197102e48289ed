package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.Frame;
import hub.gateway.adapter.http.console.JtesigninGenerated;
import hub.gateway.application.port.in.SignInOperatorUseCase;
import hub.gateway.application.port.in.SignInOperatorUseCase.SignInResult;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code /console/sign-in}, the one page of the console open without a session: the form {@code #signin} with the
 * password field {@code token} (contract §12). A token {@code /admin} accepts starts a session and sets its cookie;
 * any other sets no cookie and is sent back to the form, which then says so ({@code ?refused}). Both answers are
 * redirects (post, redirect, get): a reload never posts the token again, and the browser logs no failed load.
 */
final class ConsoleSignIn implements HttpService {
    static final String PATH = "/sign-in";
    private static final Frame FRAME = Frame.signedOut("Sign in");
    /** The query that makes the page say the last token was refused: what a refused sign-in is redirected to. */
    static final String REFUSED = "refused";
    static final String WRONG_TOKEN = "That token opens nothing: it is wrong, revoked, or empty.";

    private final SignInOperatorUseCase signIn;

    ConsoleSignIn(SignInOperatorUseCase signIn) {
        this.signIn = signIn;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, Answer.handler(req -> form(req.query().contains(REFUSED) ? WRONG_TOKEN : null)))
                .post(PATH, Answer.handler(this::signIn))
                .any(PATH, ConsoleHtml.methodNotAllowed("GET, POST"));
    }

    private Answer signIn(ServerRequest req) {
        return switch (ConsoleForms.read(req)) {
            case ConsoleForms.Form.Refused refused -> refused.answer();
            case ConsoleForms.Form.Read form -> switch (signIn.signIn(form.field("token"))) {
                case SignInResult.SignedIn signedIn -> ConsoleHtml.redirect(ConsoleHtml.PREFIX)
                        .withHeader(HeaderNames.SET_COOKIE.defaultCase(), ConsoleCookies.starting(signedIn.sessionId(), req));
                case SignInResult.Refused ignored -> ConsoleHtml.redirect(ConsoleHtml.SIGN_IN + "?" + REFUSED);
            };
        };
    }

    private static Answer form(String error) {
        return ConsoleHtml.ok(out -> JtesigninGenerated.render(out, null, FRAME, error));
    }
}
