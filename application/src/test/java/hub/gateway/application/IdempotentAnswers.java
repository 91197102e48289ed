package hub.gateway.application;

import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase.KeyClaim;
import hub.gateway.domain.account.AccountId;

/** The three idempotency use cases side by side, as the edge uses them: claim, then remember or release. */
record IdempotentAnswers(UseCases useCases) {
    KeyClaim claim(AccountId accountId, String key, String requestHash) {
        return useCases.claimIdempotencyKey().claim(accountId, key, requestHash);
    }

    void remember(AccountId accountId, String key, int status, String body) {
        useCases.rememberAnswer().remember(accountId, key, status, java.util.Map.of(), body);
    }

    void release(AccountId accountId, String key) {
        useCases.releaseIdempotencyKey().release(accountId, key);
    }
}
