package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

/** Revokes a key for good; every node refuses it within a second. Revoking twice is harmless. */
public interface RevokeApiKeyUseCase {
    /** Audited as {@code by}'s {@code api_key.revoke}. */
    RevokeApiKeyResult revoke(String apiKeyId, Operator by);

    sealed interface RevokeApiKeyResult {
        record Revoked(String apiKeyId) implements RevokeApiKeyResult {
        }

        record UnknownKey() implements RevokeApiKeyResult {
        }
    }
}
