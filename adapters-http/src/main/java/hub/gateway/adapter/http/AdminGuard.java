package hub.gateway.adapter.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * The operator API's one guard, registered first under {@code /admin}: one bearer token for every path, known or
 * not, so that nothing about the admin API (not even which paths exist) is told to a caller without the token.
 * Without a configured token every call answers 401: a deployment that forgot the token must not be open.
 */
final class AdminGuard implements HttpService {
    private final Optional<String> adminToken;

    AdminGuard(Optional<String> adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::requireAdmin);
    }

    private void requireAdmin(ServerRequest req, ServerResponse res) {
        boolean authorized = adminToken.isPresent()
                && BearerTokens.from(req.headers()).filter(token -> BearerTokens.matches(token, adminToken.get())).isPresent();
        if (authorized) {
            res.next();
        } else {
            ErrorAnswers.of(ErrorCatalog.UNAUTHORIZED).writeTo(req, res);
        }
    }
}
