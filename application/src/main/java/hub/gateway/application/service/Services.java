package hub.gateway.application.service;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.ListRiskEventsUseCase;
import hub.gateway.domain.account.ApiKeyHash;

import java.security.SecureRandom;

/** Wires the services to the ports; only {@code hub.gateway.application.factory.ApplicationFactory} calls it. */
public final class Services {
    private Services() {
    }

    public static UseCases build(UseCases.Ports ports, UseCases.Policies policies, SecureRandom random) {
        InstanceReports reports = new InstanceReports(ports.sendGate(), ports.clock());
        RandomIds ids = new RandomIds(random);
        OperatorService operators = new OperatorService(ports.operators(), ports.operatorAudit(),
                policies.adminToken().map(ApiKeyHash::of), ids, ports.clock());
        ConsoleSessionService sessions = new ConsoleSessionService(operators, ports.consoleSessions(), ids, ports.clock());
        InstanceLookup lookup = new InstanceLookup(ports.instances());
        ClientReadService reads = new ClientReadService(ports.instances(), ports.messageLog(), reports);
        AdminService admin = new AdminService(ports.accounts(), ports.apiKeys(), ports.instances(), ports.transports(),
                ports.webhookDestinations(), reports, ports.operatorAudit(), ids, ports.activity(), ports.clock());
        SuppressionService suppressions = new SuppressionService(lookup, ports.suppressions(), ports.operatorAudit(), ports.clock());
        InboundService inbound = new InboundService(lookup, ports.suppressions(), policies.keywords(), ports.activity(),
                ports.sendGate(), ports.clock());
        WebhookDispatchService webhooks = new WebhookDispatchService(ports.outbox(), ports.webhookSender(), lookup,
                policies.webhookRetries(), ports.activity(), ports.clock(), random, ports.operatorAudit());
        TransportWebhookService transportWebhooks = new TransportWebhookService(ports.transports(), ports.instances(),
                ports.messageLog(), inbound, ports.templates());
        TemplateService templates = new TemplateService(lookup, ports.templates(), ports.transports(),
                ports.operatorAudit(), ports.clock());
        OperatorReadService operatorReads = new OperatorReadService(ports.instances(), ports.accounts(),
                ports.apiKeys(), ports.messageLog(), ports.riskLedger(), ports.suppressions(), ports.outbox(), reports,
                policies.risk().repeatedViolations(), ports.clock());
        IdempotentAnswersService idempotency = new IdempotentAnswersService(ports.idempotencyKeys(), ports.clock());
        return new UseCases(
                new AuthenticateClientService(ports.apiKeys()),
                new SendMessageService(ports.instances(), ports.templates(), ports.sendGate(), ports.messageLog(), ports.transports(),
                        ports.riskFacts(), ports.riskLedger(), policies.risk(), policies.assessRisk(), ports.activity(),
                        ports.clock()),
                reads,
                reads,
                reads,
                ports.storageHealth()::isReachable,
                admin,
                admin,
                admin,
                admin,
                admin,
                admin,
                admin,
                inbound,
                suppressions,
                suppressions,
                suppressions,
                webhooks,
                webhooks,
                webhooks,
                (instanceId, limit) -> lookup.find(java.util.Optional.empty(), instanceId)
                        .map(instance -> ports.riskLedger().recent(instance.id(), limit).stream()
                                .map(e -> new ListRiskEventsUseCase.RiskEvent(e.id(), e.at(), e.assessment(), e.logId()))
                                .toList()),
                transportWebhooks,
                transportWebhooks,
                idempotency,
                idempotency,
                idempotency,
                new RetentionService(ports.expiredRecords(), policies.logRetention(), ports.clock()),
                new LimboSweepService(ports.abandonedSends(), policies.requestDeadline(), ports.clock()),
                new OperatingGaugesService(ports.outbox(), ports.storageConnections(), ports.clock()),
                operators,
                operators,
                operators,
                operators,
                operators,
                sessions,
                sessions,
                sessions,

                new UseCases.OperatorReads(operatorReads, operatorReads, operatorReads, operatorReads, operatorReads,
                        operatorReads, operatorReads),
                new UseCases.TemplateAdmin(templates, templates, templates, templates));
    }
}
