package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;

import java.util.Map;

/**
 * Contract §3's {@code Idempotency-Key}: the edge claims a key before processing a request, then remembers the
 * answer it wrote ({@link RememberAnswerUseCase}) or releases the key when processing failed
 * ({@link ReleaseIdempotencyKeyUseCase}). A claim never answered (its node died) is judged by the send its request
 * reserved, so that a retry never sends a second time (contract §10). The time is the application's clock.
 */
public interface ClaimIdempotencyKeyUseCase {
    /**
     * @param requestHash what identifies the request body (the edge uses the SHA-256 of its raw bytes); the same
     *                    key with another hash is {@link KeyClaim.Reused}
     */
    KeyClaim claim(AccountId accountId, String key, String requestHash);

    sealed interface KeyClaim {
        /** The caller owns the key: process the request, then remember or release. */
        record Claimed() implements KeyClaim {
        }

        /** The key's first answer, to give again exactly as it was written: status, its own headers, body. */
        record Replay(int status, Map<String, String> headers, String body) implements KeyClaim {
            public Replay {
                // In the order written: a replay writes them in the same order.
                headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
            }

            public Replay(int status, String body) {
                this(status, Map.of(), body);
            }
        }

        /** Another request with this key and body is still being processed, or its send is unresolved. */
        record InProgress() implements KeyClaim {
        }

        /** The key was used with another request body. */
        record Reused() implements KeyClaim {
        }

        /** The key's first request was never answered, but the transport took its send (log row {@code logId}). */
        record AlreadySent(long logId, String messageId) implements KeyClaim {
        }

        /** The key's first request was never answered; its send failed at the transport and sent nothing. */
        record AlreadyFailed(long logId) implements KeyClaim {
        }

        /** The key's first request was never answered, and nobody knows whether its send went out. */
        record OutcomeUnknown(long logId) implements KeyClaim {
        }
    }
}
