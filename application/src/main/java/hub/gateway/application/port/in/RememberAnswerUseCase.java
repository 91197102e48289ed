package hub.gateway.application.port.in;

import hub.gateway.domain.AccountId;

/** Stores the first answer of a claimed {@code Idempotency-Key}, exactly as the edge writes it (see {@link ClaimIdempotencyKeyUseCase}). */
public interface RememberAnswerUseCase {
    void remember(AccountId accountId, String key, int status, String body);
}
