package hub.gateway.application.port.out;

import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;

import java.util.Optional;

public interface Accounts {
    void add(Account account);

    Optional<Account> find(AccountId id);

    /** Whether any account exists yet; the embedded demo provisions itself only into an empty database. */
    boolean isEmpty();
}
