package hub.gateway.application.port.in;

/** Revokes a key for good; every node refuses it within a second. Revoking twice is harmless. */
public interface RevokeApiKeyUseCase {
    RevokeApiKeyResult revoke(String apiKeyId);

    sealed interface RevokeApiKeyResult {
        record Revoked(String apiKeyId) implements RevokeApiKeyResult {
        }

        record UnknownKey() implements RevokeApiKeyResult {
        }
    }
}
