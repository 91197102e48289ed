package hub.gateway.application.contract;

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

/**
 * What every contract's subject offers: one implementation's ports, so that a contract can look at the port under
 * test through the others (a reservation through the message log, a suppression through the outbox), and fresh
 * accounts and instances to work on. Each implementation writes this once; a contract's {@code Subject} adds only
 * what is its own.
 */
public interface ContractPorts {
    SendGate gate();

    MessageLog messageLog();

    SuppressionList suppressions();

    RiskLedger riskLedger();

    IdempotencyKeys idempotencyKeys();

    Outbox outbox();

    AbandonedSends abandonedSends();

    Instances instances();

    Operators operators();

    OperatorAudit operatorAudit();

    ConsoleSessions consoleSessions();

    /** A new account. */
    AccountId account();

    /**
     * A new active instance of the account, on the sandbox transport, with webhook URL
     * {@code https://example.com/hook} and secret {@code whsec_dGVzdA==}.
     */
    Instance instance(AccountId account);
}
