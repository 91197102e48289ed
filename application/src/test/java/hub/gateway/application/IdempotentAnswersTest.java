package hub.gateway.application;

import hub.gateway.application.OptOutAndWebhooksTest.MutableClock;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase.KeyClaim;
import hub.gateway.domain.account.AccountId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The idempotent-answers use case on the in-memory port, with the application's clock: the same rules as the
 * PostgreSQL contract test (IdempotencyKeysContractTest), so the fake stays honest.
 */
class IdempotentAnswersTest {
    private static final AccountId ACCOUNT = new AccountId("acc_1");
    private static final String BODY = "{\"success\":true}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-08T10:00:00Z"));
    private final IdempotentAnswers answers = new IdempotentAnswers(new InMemoryPorts(clock).useCases());

    @Test
    void theFirstAnswerIsGivenAgainForADayAndThenTheKeyIsFree() {
        assertEquals(new KeyClaim.Claimed(), answers.claim(ACCOUNT, "k", "h1"));
        assertEquals(new KeyClaim.InProgress(), answers.claim(ACCOUNT, "k", "h1"));
        assertEquals(new KeyClaim.Reused(), answers.claim(ACCOUNT, "k", "h2"));
        answers.remember(ACCOUNT, "k", 429, BODY);
        clock.advanceSeconds(IdempotencyKeys.RETAINED.toSeconds() - 1);
        assertEquals(new KeyClaim.Replay(429, BODY), answers.claim(ACCOUNT, "k", "h1"));
        clock.advanceSeconds(1);
        assertEquals(new KeyClaim.Claimed(), answers.claim(ACCOUNT, "k", "h2"));
    }

    /** Headers as PostgreSQL keeps them (IdempotencyKeysContractTest): the answer's own, in their order. */
    @Test
    void theAnswersHeadersAreKeptWithIt() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Retry-After", "17");
        InMemoryPorts ports = new InMemoryPorts(clock);
        ports.useCases().claimIdempotencyKey().claim(ACCOUNT, "k", "h1");
        ports.useCases().rememberAnswer().remember(ACCOUNT, "k", 429, headers, BODY);
        KeyClaim replay = ports.useCases().claimIdempotencyKey().claim(ACCOUNT, "k", "h1");
        assertEquals(new KeyClaim.Replay(429, headers, BODY), replay);
        assertEquals(java.util.List.copyOf(headers.keySet()), java.util.List.copyOf(((KeyClaim.Replay) replay).headers().keySet()));
    }

    @Test
    void anAbandonedOrReleasedClaimMayBeClaimedAgain() {
        answers.claim(ACCOUNT, "k", "h1");
        clock.advanceSeconds(IdempotencyKeys.ABANDONED_AFTER.toSeconds());
        assertEquals(new KeyClaim.Claimed(), answers.claim(ACCOUNT, "k", "h1"));
        answers.release(ACCOUNT, "k");
        assertEquals(new KeyClaim.Claimed(), answers.claim(ACCOUNT, "k", "h1"));
        assertEquals(new KeyClaim.Claimed(), answers.claim(new AccountId("acc_2"), "k", "h1"));
    }
}
