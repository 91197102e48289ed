package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.IdempotencyKeysContract;
import hub.gateway.application.contract.ConsoleSessionsContract;
import hub.gateway.application.contract.OperatorsContract;
import hub.gateway.application.contract.OperatorReadsContract;
import hub.gateway.application.contract.OutboxContract;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.contract.SendGateContract;
import hub.gateway.application.port.out.AbandonedSends;
import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Operators;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;

import java.time.ZoneOffset;

/** PostgreSQL as the subject of every port contract: the ports of one test class's database, and its fixtures. */
class PgContractSubject implements SendGateContract.Subject, IdempotencyKeysContract.Subject, OutboxContract.Subject,
        OperatorsContract.Subject, ConsoleSessionsContract.Subject,
        OperatorReadsContract.Subject, hub.gateway.application.contract.TemplatesContract.Subject {
    private final FreshDatabase database;

    PgContractSubject(FreshDatabase database) {
        this.database = database;
    }

    @Override
    public SendGate gate() {
        return database.persistence().sendGate();
    }

    @Override
    public MessageLog messageLog() {
        return database.persistence().messageLog();
    }

    @Override
    public SuppressionList suppressions() {
        return database.persistence().suppressions();
    }

    @Override
    public RiskLedger riskLedger() {
        return database.persistence().riskLedger();
    }

    @Override
    public IdempotencyKeys idempotencyKeys() {
        return database.persistence().idempotencyKeys();
    }

    @Override
    public Outbox outbox() {
        return database.persistence().outbox();
    }

    @Override
    public AbandonedSends abandonedSends() {
        return database.persistence().abandonedSends();
    }

    @Override
    public hub.gateway.application.port.out.Templates templates() {
        return database.persistence().templates();
    }

    @Override
    public Instances instances() {
        return database.persistence().instances();
    }

    @Override
    public Operators operators() {
        return database.persistence().operators();
    }

    @Override
    public OperatorAudit operatorAudit() {
        return database.persistence().operatorAudit();
    }

    @Override
    public ConsoleSessions consoleSessions() {
        return database.persistence().consoleSessions();
    }

    @Override
    public Accounts accounts() {
        return database.persistence().accounts();
    }

    @Override
    public ApiKeys apiKeys() {
        return database.persistence().apiKeys();
    }

    @Override
    public AccountId account() {
        return database.fixtures().account(ZoneOffset.UTC).id();
    }

    @Override
    public Instance instance(AccountId account) {
        return database.fixtures().instance(database.persistence().accounts().find(account).orElseThrow());
    }
}
