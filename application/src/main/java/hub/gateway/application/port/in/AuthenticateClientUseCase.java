package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;

/** Step 1 of every client call: who is calling, from the bearer token. */
public interface AuthenticateClientUseCase {
    ClientAuthentication authenticate(String bearerToken);

    sealed interface ClientAuthentication {
        record Authenticated(AccountId accountId) implements ClientAuthentication {
        }

        record UnknownKey() implements ClientAuthentication {
        }

        record RevokedKey() implements ClientAuthentication {
        }
    }
}
