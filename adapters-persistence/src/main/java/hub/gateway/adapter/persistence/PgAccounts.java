package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Accounts;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import io.helidon.dbclient.DbRow;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    /**
     * Newest first, each with its count of instances (through instance_account, V1). Accounts are few enough that
     * sorting them all costs less than an index every insert would keep; the start of the list is "before infinity".
     */
    @Override
    public List<AccountSummary> page(Optional<AccountPosition> after, int limit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select a.id, a.name, a.time_zone, a.created_at,
                                   (select count(*) from instance i where i.account_id = a.id) as instances
                              from account a
                             where (a.created_at, a.id) < (cast(:since as timestamptz), :after)
                             order by a.created_at desc, a.id desc
                             limit :limit
                            """)
                    .addParam("since", after.map(p -> p.createdAt().toString()).orElse("infinity"))
                    .addParam("after", after.map(p -> p.id().value()).orElse(""))
                    .addParam("limit", Math.max(0, limit))
                    .execute()) {
                return rows.map(row -> new AccountSummary(account(row), Columns.instant(row, "created_at"),
                        Columns.intValue(row, "instances"))).toList();
            }
        });
    }

    private static Account account(DbRow row) {
        return new Account(new AccountId(Columns.string(row, "id")), Columns.string(row, "name"),
                ZoneId.of(Columns.string(row, "time_zone")));
    }
}
