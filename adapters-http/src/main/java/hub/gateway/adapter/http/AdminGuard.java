package hub.gateway.adapter.http;

import hub.gateway.application.port.in.AuthenticateOperatorUseCase;
import hub.gateway.application.port.in.AuthenticateOperatorUseCase.OperatorAuthentication;
import hub.gateway.domain.operator.Operator;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The operator API's one guard, registered first under {@code /admin}: an operator's bearer token for every path,
 * known or not, so that nothing about the admin API (not even which paths exist) is told to a caller without one.
 * Without a configured admin token and with no stored operator every call answers 401: a deployment that forgot
 * the token must not be open.
 * <p>
 * The operator it lets through is put in the request's context, as the client guard does with the account: the
 * context is the request's own (Helidon's per-request {@code Context}), written once here and read by the route's
 * handler through {@link #operator}; nothing outlives the request.
 */
final class AdminGuard implements HttpService {
    private static final String OPERATOR = "hub.gateway.operator";

    private final AuthenticateOperatorUseCase authenticate;

    AdminGuard(AuthenticateOperatorUseCase authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::requireOperator);
    }

    private void requireOperator(ServerRequest req, ServerResponse res) {
        OperatorAuthentication outcome = BearerTokens.from(req.headers())
                .map(authenticate::authenticate)
                .orElseGet(OperatorAuthentication.Refused::new);
        switch (outcome) {
            case OperatorAuthentication.Authenticated authenticated -> {
                req.context().register(OPERATOR, authenticated.operator());
                res.next();
            }
            case OperatorAuthentication.Refused ignored -> ErrorAnswers.of(ErrorCatalog.UNAUTHORIZED).writeTo(req, res);
        }
    }

    /** The operator the guard let through; only routes behind the guard ask. */
    static Operator operator(ServerRequest req) {
        return req.context().get(OPERATOR, Operator.class)
                .orElseThrow(() -> new IllegalStateException("an admin route without the admin guard"));
    }
}
