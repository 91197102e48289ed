package hub.gateway.application;

import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.application.port.in.AuthenticateClientUseCase;
import hub.gateway.application.port.in.AuthenticateOperatorUseCase;
import hub.gateway.application.port.in.CreateOperatorUseCase;
import hub.gateway.application.port.in.FindConsoleSessionUseCase;
import hub.gateway.application.port.in.ListAuditEntriesUseCase;
import hub.gateway.application.port.in.ListOperatorsUseCase;
import hub.gateway.application.port.in.RevokeOperatorUseCase;
import hub.gateway.application.port.in.SignInOperatorUseCase;
import hub.gateway.application.port.in.SignOutOperatorUseCase;
import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Operators;
import hub.gateway.application.port.in.BlockRecipientUseCase;
import hub.gateway.application.port.in.DeliverWebhooksUseCase;
import hub.gateway.application.port.in.LiftSuppressionUseCase;
import hub.gateway.application.port.in.ListSuppressionsUseCase;
import hub.gateway.application.port.in.ListWebhookDeliveriesUseCase;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase;
import hub.gateway.application.port.in.ReadOperatingGaugesUseCase;
import hub.gateway.application.port.in.ReplayWebhookEventUseCase;
import hub.gateway.application.port.in.ListRiskEventsUseCase;
import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.CheckReadinessUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.GetInstanceUseCase;
import hub.gateway.application.port.in.GetMessageUseCase;
import hub.gateway.application.port.in.GetUsageUseCase;
import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase;
import hub.gateway.application.port.in.RememberAnswerUseCase;
import hub.gateway.application.port.in.ReleaseIdempotencyKeyUseCase;
import hub.gateway.application.port.in.AnswerWebhookSubscriptionUseCase;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.ListMessagesUseCase;
import hub.gateway.application.port.in.RevokeApiKeyUseCase;
import hub.gateway.application.port.in.SendMessageUseCase;
import hub.gateway.application.port.in.SweepExpiredRecordsUseCase;
import hub.gateway.application.port.in.SweepLimboUseCase;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.application.port.in.GetOverviewUseCase;
import hub.gateway.application.port.in.ListAccountsUseCase;
import hub.gateway.application.port.in.ListApiKeysUseCase;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase;
import hub.gateway.application.port.in.ListPausedInstancesUseCase;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase;
import hub.gateway.application.port.in.SearchInstancesUseCase;
import hub.gateway.application.port.in.DeleteTemplateUseCase;
import hub.gateway.application.port.in.ListTemplatesUseCase;
import hub.gateway.application.port.in.RegisterTemplateUseCase;
import hub.gateway.application.port.in.SyncTemplatesUseCase;
import hub.gateway.application.port.out.Templates;
import hub.gateway.application.port.out.AbandonedSends;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ExpiredRecords;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.application.port.out.WebhookDestinations;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.StorageConnections;
import hub.gateway.application.port.out.StorageHealth;
import hub.gateway.application.port.out.Transports;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.suppression.OptOutKeywords;
import hub.gateway.domain.webhook.RetrySchedule;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Every use case of the gateway, as the driving adapters see them; {@link hub.gateway.application.factory.ApplicationFactory}
 * builds it from the driven ports. The services themselves stay package-private.
 */
public record UseCases(AuthenticateClientUseCase authenticateClient,
                       SendMessageUseCase sendMessage,
                       GetMessageUseCase getMessage,
                       ListMessagesUseCase listMessages,
                       GetUsageUseCase getUsage,
                       CheckReadinessUseCase checkReadiness,
                       CreateAccountUseCase createAccount,
                       IssueApiKeyUseCase issueApiKey,
                       RevokeApiKeyUseCase revokeApiKey,
                       CreateInstanceUseCase createInstance,
                       GetInstanceUseCase getInstance,
                       UpdateInstanceUseCase updateInstance,
                       ChangeInstanceStatusUseCase changeInstanceStatus,
                       ReceiveInboundMessageUseCase receiveInboundMessage,
                       ListSuppressionsUseCase listSuppressions,
                       BlockRecipientUseCase blockRecipient,
                       LiftSuppressionUseCase liftSuppression,
                       DeliverWebhooksUseCase deliverWebhooks,
                       ListWebhookDeliveriesUseCase listWebhookDeliveries,
                       ReplayWebhookEventUseCase replayWebhookEvent,
                       ListRiskEventsUseCase listRiskEvents,
                       ReceiveTransportWebhookUseCase receiveTransportWebhook,
                       AnswerWebhookSubscriptionUseCase answerWebhookSubscription,
                       ClaimIdempotencyKeyUseCase claimIdempotencyKey,
                       RememberAnswerUseCase rememberAnswer,
                       ReleaseIdempotencyKeyUseCase releaseIdempotencyKey,
                       SweepExpiredRecordsUseCase sweepExpiredRecords,
                       SweepLimboUseCase sweepLimbo,
                       ReadOperatingGaugesUseCase readOperatingGauges,
                       AuthenticateOperatorUseCase authenticateOperator,
                       CreateOperatorUseCase createOperator,
                       RevokeOperatorUseCase revokeOperator,
                       ListOperatorsUseCase listOperators,
                       ListAuditEntriesUseCase listAuditEntries,
                       SignInOperatorUseCase signInOperator,
                       FindConsoleSessionUseCase findConsoleSession,
                       SignOutOperatorUseCase signOutOperator,
                       OperatorReads operatorReads,
                       TemplateAdmin templates) {

    /** The operator's templates of an instance (contract §13). */
    public record TemplateAdmin(RegisterTemplateUseCase register, ListTemplatesUseCase list,
                                DeleteTemplateUseCase delete, SyncTemplatesUseCase sync) {
    }

    /** What the operator console reads beyond the single-resource admin calls (contract §12). */
    public record OperatorReads(ListPausedInstancesUseCase listPausedInstances,
                                SearchInstancesUseCase searchInstances,
                                ListInstanceMessagesUseCase listInstanceMessages,
                                ListSuppressionHistoryUseCase listSuppressionHistory,
                                ListAccountsUseCase listAccounts,
                                ListApiKeysUseCase listApiKeys,
                                GetOverviewUseCase getOverview) {
    }

    /**
     * The driven ports the use cases need.
     *
     * @param storageConnections the database pool's counts, for the scrape's gauges
     * @param activity           told each business event an operator counts (contract §11's metrics)
     */
    public record Ports(Accounts accounts, ApiKeys apiKeys, Instances instances, SendGate sendGate,
                        MessageLog messageLog, Transports transports, StorageHealth storageHealth,
                        SuppressionList suppressions, Outbox outbox, WebhookSender webhookSender,
                        WebhookDestinations webhookDestinations, RiskFacts riskFacts, RiskLedger riskLedger,
                        IdempotencyKeys idempotencyKeys, ExpiredRecords expiredRecords, AbandonedSends abandonedSends,
                        StorageConnections storageConnections, ActivityMonitor activity,
                        Operators operators, OperatorAudit operatorAudit, ConsoleSessions consoleSessions,
                        Templates templates, Clock clock) {
    }

    /**
     * What a deployment may tune without a rebuild.
     *
     * @param requestDeadline {@code GATEWAY_REQUEST_DEADLINE_MS}: a send still {@code accepted} twice this long
     *                        after its reservation is swept to {@code unknown}
     * @param logRetention    how long message-log rows and finished webhook events are kept (contract §10)
     * @param assessRisk      {@code GATEWAY_RISK_ASSESSMENT}: false leaves step 9 out of every send (no assessment,
     *                        no behaviour facts, no duplicate-content fingerprint) — a benchmark baseline only,
     *                        never a production setting
     * @param adminToken      {@code GATEWAY_ADMIN_TOKEN}: the built-in operator {@code admin}'s token; empty (or
     *                        blank): there is no built-in operator, only stored ones
     */
    public record Policies(OptOutKeywords keywords, RetrySchedule webhookRetries, RiskPolicy risk,
                           Duration requestDeadline, Duration logRetention, boolean assessRisk,
                           Optional<String> adminToken) {
        public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(5);
        public static final Duration DEFAULT_LOG_RETENTION = Duration.ofDays(400);

        public Policies {
            // A blank token would let "Authorization: Bearer " through string comparison games; treat it as none.
            adminToken = Objects.requireNonNull(adminToken).filter(token -> !token.isBlank());
        }

        /** Without a built-in admin. */
        public Policies(OptOutKeywords keywords, RetrySchedule webhookRetries, RiskPolicy risk,
                        Duration requestDeadline, Duration logRetention, boolean assessRisk) {
            this(keywords, webhookRetries, risk, requestDeadline, logRetention, assessRisk, Optional.empty());
        }

        /** The same, with this built-in admin token. */
        public Policies withAdminToken(Optional<String> token) {
            return new Policies(keywords, webhookRetries, risk, requestDeadline, logRetention, assessRisk, token);
        }

        @Override
        public String toString() {
            return "Policies[requestDeadline=" + requestDeadline + ", logRetention=" + logRetention + ", assessRisk="
                    + assessRisk + ", adminToken=" + (adminToken.isPresent() ? "<set>" : "<none>") + "]";
        }

        /** With step 9, as every deployment runs. */
        public Policies(OptOutKeywords keywords, RetrySchedule webhookRetries, RiskPolicy risk,
                        Duration requestDeadline, Duration logRetention) {
            this(keywords, webhookRetries, risk, requestDeadline, logRetention, true);
        }

        public static Policies defaults() {
            return new Policies(OptOutKeywords.DEFAULTS, RetrySchedule.DEFAULT, RiskPolicyFile.defaults(),
                    DEFAULT_REQUEST_DEADLINE, DEFAULT_LOG_RETENTION);
        }
    }
}
