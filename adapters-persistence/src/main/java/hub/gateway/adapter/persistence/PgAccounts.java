package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Accounts;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import io.helidon.dbclient.DbRow;

import java.time.ZoneId;
import java.util.Optional;

final class PgAccounts implements Accounts {
    private final Database db;

    PgAccounts(Database db) {
        this.db = db;
    }

    @Override
    public void add(Account account) {
        long added = db.call(exec -> exec.dml(
                "insert into account (id, name, time_zone) values (?, ?, ?) on conflict (id) do nothing",
                account.id().value(), account.name(), account.timeZone().getId()));
        if (added == 0) {
            // Account ids are generated; a clash is a bug, not a business outcome.
            throw new IllegalStateException("account id already taken");
        }
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return db.call(exec -> exec.get("select id, name, time_zone from account where id = ?", id.value()))
                .map(PgAccounts::account);
    }

    @Override
    public boolean isEmpty() {
        return db.call(exec -> exec.get("select not exists (select 1 from account) as empty"))
                .map(row -> row.column("empty").get(Boolean.class))
                .orElse(true);
    }

    private static Account account(DbRow row) {
        return new Account(new AccountId(Columns.string(row, "id")), Columns.string(row, "name"),
                ZoneId.of(Columns.string(row, "time_zone")));
    }
}
