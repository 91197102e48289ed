package hub.gateway.application.service;

import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase;
import hub.gateway.application.port.in.ReleaseIdempotencyKeyUseCase;
import hub.gateway.application.port.in.RememberAnswerUseCase;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.domain.account.AccountId;

import java.time.Clock;
import java.util.Map;

/**
 * Contract §3's {@code Idempotency-Key}, on the port's rules ({@link IdempotencyKeys}) with the application's clock.
 * The in-port speaks its own words ({@link KeyClaim}); the port's are translated here, one case for one.
 */
final class IdempotentAnswersService implements ClaimIdempotencyKeyUseCase, RememberAnswerUseCase,
        ReleaseIdempotencyKeyUseCase {
    private final IdempotencyKeys keys;
    private final Clock clock;

    IdempotentAnswersService(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public KeyClaim claim(AccountId accountId, String key, String requestHash) {
        return switch (keys.claim(accountId, key, requestHash, clock.instant())) {
            case Claim.Claimed ignored -> new KeyClaim.Claimed();
            case Claim.Replay replay -> new KeyClaim.Replay(replay.status(), replay.headers(), replay.body());
            case Claim.InProgress ignored -> new KeyClaim.InProgress();
            case Claim.Reused ignored -> new KeyClaim.Reused();
            case Claim.AlreadySent sent -> new KeyClaim.AlreadySent(sent.logId(), sent.messageId());
            case Claim.AlreadyFailed failed -> new KeyClaim.AlreadyFailed(failed.logId());
            case Claim.OutcomeUnknown unknown -> new KeyClaim.OutcomeUnknown(unknown.logId());
        };
    }

    @Override
    public void remember(AccountId accountId, String key, int status, Map<String, String> headers, String body) {
        keys.remember(accountId, key, status, headers, body);
    }

    @Override
    public void release(AccountId accountId, String key) {
        keys.release(accountId, key);
    }
}
