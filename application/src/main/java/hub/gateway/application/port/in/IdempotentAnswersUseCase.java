package hub.gateway.application.port.in;

import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.domain.AccountId;

/**
 * Contract §3's {@code Idempotency-Key}: the edge claims a key before processing a request, then remembers the
 * answer it sent (or releases the key when processing failed). A claim never answered (its node died) is judged
 * by the send its request reserved, so that a retry never sends a second time (contract §10). The rules are the
 * port's ({@link hub.gateway.application.port.out.IdempotencyKeys}); the time is the application's clock.
 */
public interface IdempotentAnswersUseCase {
    Claim claim(AccountId accountId, String key, String requestHash);

    void remember(AccountId accountId, String key, int status, String body);

    void release(AccountId accountId, String key);
}
