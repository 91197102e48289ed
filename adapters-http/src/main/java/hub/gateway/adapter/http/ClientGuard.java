package hub.gateway.adapter.http;

import hub.gateway.application.port.in.AuthenticateClientUseCase;
import hub.gateway.application.port.in.AuthenticateClientUseCase.ClientAuthentication;
import hub.gateway.domain.account.AccountId;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The client API's one guard: the API key of the {@code Authorization} header, checked before the route's handler
 * runs. A live key puts its account (and the moment the request arrived) in the request's context and passes the
 * request on; anything else is answered 401 here and no handler runs.
 * <p>
 * It stands on each route's method and path rather than on every path under {@code /api}, so that a wrong
 * method is 405 and an unknown path 404 whoever asks, as before any key is looked at.
 */
final class ClientGuard implements Handler {
    private static final String CLIENT = "hub.gateway.client";

    /** @param arrived when the guard first saw the request: a deadline counts from here, before any look-up */
    record Client(AccountId account, Instant arrived) {
    }

    private final AuthenticateClientUseCase authenticate;
    private final Clock clock;

    /** @param clock the use cases' clock: an arrival taken here is compared with it there */
    ClientGuard(AuthenticateClientUseCase authenticate, Clock clock) {
        this.authenticate = authenticate;
        this.clock = clock;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        // Taken before anything that may wait (the key's look-up): the client's clock started then.
        Instant arrived = clock.instant();
        Optional<String> token = BearerTokens.from(req.headers());
        if (token.isEmpty()) {
            ErrorAnswers.of(ErrorCatalog.INVALID_API_KEY).writeTo(req, res);
            return;
        }
        switch (authenticate.authenticate(token.get())) {
            case ClientAuthentication.Authenticated authenticated -> {
                req.context().register(CLIENT, new Client(authenticated.accountId(), arrived));
                res.next();
            }
            case ClientAuthentication.UnknownKey ignored -> ErrorAnswers.of(ErrorCatalog.INVALID_API_KEY).writeTo(req, res);
            case ClientAuthentication.RevokedKey ignored -> ErrorAnswers.of(ErrorCatalog.REVOKED_API_KEY).writeTo(req, res);
        }
    }

    /** The client the guard let through; only routes behind the guard ask. */
    static Client client(ServerRequest req) {
        return req.context().get(CLIENT, Client.class)
                .orElseThrow(() -> new IllegalStateException("a client route without the client guard"));
    }

    /** A handler of an authenticated client: it renders the answer from the request and the client's account. */
    @FunctionalInterface
    interface ClientRenderer {
        Answer answer(ServerRequest req, AccountId account);
    }

    /** The guard, then the handler: what a client route registers. */
    Handler[] then(ClientRenderer renderer) {
        return new Handler[]{this, Answer.handler(req -> renderer.answer(req, client(req).account()))};
    }
}
