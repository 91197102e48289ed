package hub.gateway.application.service;

import hub.gateway.application.port.in.AuthenticateClientUseCase;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.account.ApiKeySecret;

import java.util.Optional;

final class AuthenticateClientService implements AuthenticateClientUseCase {
    /** Longer than any key we issue by far; refusing early keeps hashing cheap for junk tokens. */
    private static final int MAX_TOKEN_LENGTH = 512;

    private final ApiKeys apiKeys;

    AuthenticateClientService(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public ClientAuthentication authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return new ClientAuthentication.UnknownKey();
        }
        ApiKeyHash presented = new ApiKeySecret(bearerToken).hash();
        Optional<ApiKey> key = apiKeys.findByHash(presented).filter(k -> k.hash().matches(presented));
        if (key.isEmpty()) {
            return new ClientAuthentication.UnknownKey();
        }
        if (key.get().isRevoked()) {
            return new ClientAuthentication.RevokedKey();
        }
        return new ClientAuthentication.Authenticated(key.get().accountId());
    }
}
