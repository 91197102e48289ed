package hub.gateway.application.port.out;

import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface Accounts {
    void add(Account account);

    Optional<Account> find(AccountId id);

    /** Whether any account exists yet; the embedded demo provisions itself only into an empty database. */
    boolean isEmpty();

    /** Newest first (ties: id descending); with {@code after}, only those that come after it. */
    List<AccountSummary> page(Optional<AccountPosition> after, int limit);

    /** An account, when it was created and how many instances it has. */
    record AccountSummary(Account account, Instant createdAt, int instances) {
    }

    record AccountPosition(Instant createdAt, AccountId id) {
    }
}
