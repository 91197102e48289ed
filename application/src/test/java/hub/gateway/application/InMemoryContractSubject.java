package hub.gateway.application;

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

/** The in-memory fakes as the subject of every port contract: one set of ports sharing one log and one lock. */
class InMemoryContractSubject implements SendGateContract.Subject, IdempotencyKeysContract.Subject,
        OutboxContract.Subject, OperatorsContract.Subject, ConsoleSessionsContract.Subject,
        OperatorReadsContract.Subject, hub.gateway.application.contract.TemplatesContract.Subject {
    final InMemoryPorts ports;

    InMemoryContractSubject(InMemoryPorts ports) {
        this.ports = ports;
    }

    @Override
    public SendGate gate() {
        return ports;
    }

    @Override
    public MessageLog messageLog() {
        return ports;
    }

    @Override
    public SuppressionList suppressions() {
        return ports;
    }

    @Override
    public RiskLedger riskLedger() {
        return ports;
    }

    @Override
    public IdempotencyKeys idempotencyKeys() {
        return ports.idempotencyKeys;
    }

    @Override
    public Outbox outbox() {
        return ports.outbox;
    }

    @Override
    public AbandonedSends abandonedSends() {
        return ports;
    }

    @Override
    public hub.gateway.application.port.out.Templates templates() {
        return ports.templates;
    }

    @Override
    public Instances instances() {
        return ports;
    }

    @Override
    public Operators operators() {
        return ports.operators;
    }

    @Override
    public OperatorAudit operatorAudit() {
        return ports.operatorAudit;
    }

    @Override
    public ConsoleSessions consoleSessions() {
        return ports.consoleSessions;
    }

    @Override
    public Accounts accounts() {
        return ports;
    }

    @Override
    public ApiKeys apiKeys() {
        return ports;
    }

    @Override
    public AccountId account() {
        return InMemoryFixtures.account(ports);
    }

    @Override
    public Instance instance(AccountId account) {
        return ports.find(InMemoryFixtures.instance(ports, account)).orElseThrow();
    }
}
