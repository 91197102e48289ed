package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The first answer to each {@code Idempotency-Key} of an account (contract §3). A key belongs to one account:
 * keys of different accounts never collide.
 *
 * <p>{@link #claim} is one atomic step shared by every gateway node: of any number of concurrent claims of one
 * key, exactly one is {@link Claim.Claimed}. A key whose claim is older than {@link #RETAINED} is claimed
 * afresh.
 *
 * <p>A claim still in progress (its answer never stored: its node died, or could not store it) is judged by the
 * send its request reserved. {@link SendGate#reserve} links the claim to the reserved send's log row in the
 * reservation's own statement, so a claim either has such a row or its request never reserved anything:
 * <ul>
 *     <li>linked to a row still {@code accepted}: the first attempt is unresolved — {@link Claim.InProgress},
 *     until the limbo sweep makes the row {@code unknown};</li>
 *     <li>linked to a row the transport took ({@code sent}, {@code delivered}, {@code read}, or any row with a
 *     message id) — {@link Claim.AlreadySent}; to a row {@code failed} without one — {@link Claim.AlreadyFailed};
 *     to a row {@code unknown} — {@link Claim.OutcomeUnknown}. The transport is never reached again;</li>
 *     <li>no linked row, or one {@code refused} (nothing was sent, nothing counted): {@link Claim.InProgress}
 *     until {@link #ABANDONED_AFTER}, then claimed afresh.</li>
 * </ul>
 */
public interface IdempotencyKeys {
    /** How long the first answer is given again (contract §3: 24 hours). */
    Duration RETAINED = Duration.ofHours(24);

    /**
     * No request takes this long before its reservation (the request deadline is at most two minutes); a claim
     * still in progress after it without a send that may have gone out is a crashed node's.
     */
    Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    /**
     * @param requestHash what identifies the request body (the edge uses the SHA-256 of its raw bytes); the
     *                    same key with another hash is {@link Claim.Reused}
     */
    Claim claim(AccountId accountId, String key, String requestHash, Instant now);

    /**
     * Stores the first answer of a {@link Claim.Claimed} key, exactly as it is written: status, the answer's own
     * headers (Content-Type, Retry-After…) and body.
     */
    void remember(AccountId accountId, String key, int status, Map<String, String> headers, String body);

    /** An answer without headers of its own. */
    default void remember(AccountId accountId, String key, int status, String body) {
        remember(accountId, key, status, Map.of(), body);
    }

    /**
     * Forgets a claim whose processing failed, so that the client may retry with the same key — unless its
     * request reserved a send that may have gone out: that claim stays, and a retry gets the send's outcome.
     */
    void release(AccountId accountId, String key);

    sealed interface Claim {
        /** The caller owns the key: process the request, then remember or release. */
        record Claimed() implements Claim {
        }

        /** The key's first answer, to give again exactly as it was written. */
        record Replay(int status, Map<String, String> headers, String body) implements Claim {
            public Replay {
                // In the order written: a replay writes them in the same order.
                headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
            }

            public Replay(int status, String body) {
                this(status, Map.of(), body);
            }
        }

        /** Another request with this key and body is still being processed, or its send is unresolved. */
        record InProgress() implements Claim {
        }

        /** The key was used with another request body. */
        record Reused() implements Claim {
        }

        /** The key's first request was never answered, but the transport took its send (log row {@code logId}). */
        record AlreadySent(long logId, String messageId) implements Claim {
        }

        /** The key's first request was never answered; its send failed at the transport and sent nothing. */
        record AlreadyFailed(long logId) implements Claim {
        }

        /**
         * The key's first request was never answered, and nobody knows whether its send went out: its node died
         * while the transport had it (the log row is {@code unknown}).
         */
        record OutcomeUnknown(long logId) implements Claim {
        }
    }
}
