package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.OutboxContract;
import hub.gateway.application.port.out.Outbox;
import org.junit.jupiter.api.extension.RegisterExtension;


/** The Outbox port's contract, against PostgreSQL. */
class PgOutboxContractTest extends OutboxContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }
}
