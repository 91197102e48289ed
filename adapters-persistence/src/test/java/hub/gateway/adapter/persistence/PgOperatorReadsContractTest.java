package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.OperatorReadsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's reads, against PostgreSQL. */
class PgOperatorReadsContractTest extends OperatorReadsContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }
}
