package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.OutboxContract;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.ZoneOffset;

/** The Outbox port's contract, against PostgreSQL. */
class PgOutboxContractTest extends OutboxContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        PostgresPersistence persistence = database.persistence();
        return new Subject() {
            @Override
            public Outbox outbox() {
                return persistence.outbox();
            }

            @Override
            public SuppressionList suppressions() {
                return persistence.suppressions();
            }

            @Override
            public AccountId account() {
                return database.fixtures().account(ZoneOffset.UTC).id();
            }

            @Override
            public Instance instance(AccountId account) {
                return database.fixtures().instance(persistence.accounts().find(account).orElseThrow());
            }
        };
    }
}
