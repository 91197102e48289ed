package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;

import java.util.Map;

/**
 * Stores the first answer of a claimed {@code Idempotency-Key}, exactly as the edge writes it: status, the answer's
 * own headers (Content-Type, Retry-After…) and body (see {@link ClaimIdempotencyKeyUseCase}).
 */
public interface RememberAnswerUseCase {
    void remember(AccountId accountId, String key, int status, Map<String, String> headers, String body);
}
