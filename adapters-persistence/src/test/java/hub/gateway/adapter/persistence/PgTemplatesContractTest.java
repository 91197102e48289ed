package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.TemplatesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TemplatesContract, against PostgreSQL (through the cache every send reads it by). */
class PgTemplatesContractTest extends TemplatesContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }
}
