package hub.gateway.application.service;

import hub.gateway.application.port.in.IdempotentAnswersUseCase;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.domain.AccountId;

import java.time.Clock;

final class IdempotentAnswersService implements IdempotentAnswersUseCase {
    private final IdempotencyKeys keys;
    private final Clock clock;

    IdempotentAnswersService(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Claim claim(AccountId accountId, String key, String requestHash) {
        return keys.claim(accountId, key, requestHash, clock.instant());
    }

    @Override
    public void remember(AccountId accountId, String key, int status, String body) {
        keys.remember(accountId, key, status, body);
    }

    @Override
    public void release(AccountId accountId, String key) {
        keys.release(accountId, key);
    }
}
