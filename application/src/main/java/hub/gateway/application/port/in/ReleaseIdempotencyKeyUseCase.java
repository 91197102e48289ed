package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;

/**
 * Forgets a claim whose processing failed, so that the client may retry with the same key, unless its request
 * reserved a send that may have gone out: that claim stays, and a retry gets the send's outcome.
 */
public interface ReleaseIdempotencyKeyUseCase {
    void release(AccountId accountId, String key);
}
