package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKeySecret;

/** Issues a new key for an account. Its plain text is in this answer and nowhere else, ever. */
public interface IssueApiKeyUseCase {
    /** Audited as {@code by}'s {@code api_key.issue}. */
    IssueApiKeyResult issue(AccountId accountId, Operator by);

    sealed interface IssueApiKeyResult {
        record Issued(String apiKeyId, ApiKeySecret secret) implements IssueApiKeyResult {
        }

        record UnknownAccount() implements IssueApiKeyResult {
        }
    }
}
