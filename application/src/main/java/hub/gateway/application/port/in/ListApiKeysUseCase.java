package hub.gateway.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An account's API keys as an operator may see them: never the key, nor its hash. */
public interface ListApiKeysUseCase {
    /** Newest first, revoked ones too; empty when the account does not exist. */
    Optional<List<ApiKeySummary>> listKeys(String accountId);

    /** @param prefix the key's first characters ({@code gk_live_} and eight more), which tell keys apart */
    record ApiKeySummary(String id, String prefix, Instant createdAt, Optional<Instant> revokedAt) {
    }
}
