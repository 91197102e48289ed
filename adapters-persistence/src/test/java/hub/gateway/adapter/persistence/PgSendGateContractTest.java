package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.SendGateContract;
import org.junit.jupiter.api.extension.RegisterExtension;


/** The send gate's contract, against PostgreSQL (send_gate_reserve, R__reserve_quota.sql). */
class PgSendGateContractTest extends SendGateContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }
}
