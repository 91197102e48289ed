package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.SendGateContract;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.ZoneOffset;

/** The send gate's contract, against PostgreSQL (send_gate_reserve, R__reserve_quota.sql). */
class PgSendGateContractTest extends SendGateContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        PostgresPersistence persistence = database.persistence();
        return new Subject() {
            @Override
            public SendGate gate() {
                return persistence.sendGate();
            }

            @Override
            public MessageLog messageLog() {
                return persistence.messageLog();
            }

            @Override
            public SuppressionList suppressions() {
                return persistence.suppressions();
            }

            @Override
            public RiskLedger riskLedger() {
                return persistence.riskLedger();
            }

            @Override
            public IdempotencyKeys idempotencyKeys() {
                return persistence.idempotencyKeys();
            }

            @Override
            public AccountId account() {
                return database.fixtures().account(ZoneOffset.UTC).id();
            }

            @Override
            public InstanceId instance(AccountId account) {
                return database.fixtures().instance(persistence.accounts().find(account).orElseThrow()).id();
            }
        };
    }
}
