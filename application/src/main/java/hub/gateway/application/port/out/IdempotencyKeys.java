package hub.gateway.application.port.out;

import hub.gateway.domain.AccountId;

import java.time.Duration;
import java.time.Instant;

/**
 * The first answer to each {@code Idempotency-Key} of an account (contract §3). A key belongs to one account:
 * keys of different accounts never collide.
 *
 * <p>{@link #claim} is one atomic step shared by every gateway node: of any number of concurrent claims of one
 * key, exactly one is {@link Claim.Claimed}. A key whose claim is older than {@link #RETAINED} is claimed
 * afresh, as is a claim still in progress after {@link #ABANDONED_AFTER} (its node crashed before it could
 * {@link #remember} or {@link #release}).
 */
public interface IdempotencyKeys {
    /** How long the first answer is given again (contract §3: 24 hours). */
    Duration RETAINED = Duration.ofHours(24);

    /** No send takes this long; a claim still in progress after it is a crashed node's. */
    Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    /**
     * @param requestHash what identifies the request body (the edge uses the SHA-256 of its raw bytes); the
     *                    same key with another hash is {@link Claim.Reused}
     */
    Claim claim(AccountId accountId, String key, String requestHash, Instant now);

    /** Stores the first answer of a {@link Claim.Claimed} key, exactly as it was sent. */
    void remember(AccountId accountId, String key, int status, String body);

    /** Forgets a claim whose processing failed, so that the client may retry with the same key. */
    void release(AccountId accountId, String key);

    sealed interface Claim {
        /** The caller owns the key: process the request, then remember or release. */
        record Claimed() implements Claim {
        }

        /** The key's first answer, to give again. */
        record Replay(int status, String body) implements Claim {
        }

        /** Another request with this key and body is still being processed. */
        record InProgress() implements Claim {
        }

        /** The key was used with another request body. */
        record Reused() implements Claim {
        }
    }
}
