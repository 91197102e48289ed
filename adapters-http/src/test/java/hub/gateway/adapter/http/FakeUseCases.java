package hub.gateway.adapter.http;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.ReadOperatingGaugesUseCase;
import hub.gateway.application.port.in.AuthenticateOperatorUseCase.OperatorAuthentication;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusResult;
import hub.gateway.application.port.in.CreateOperatorUseCase.CreateOperatorResult;
import hub.gateway.application.port.in.ListOperatorsUseCase.ListedOperator;
import hub.gateway.application.port.in.RevokeOperatorUseCase.RevokeOperatorResult;
import hub.gateway.application.port.in.SignInOperatorUseCase;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.OperatorToken;
import hub.gateway.application.port.in.AuthenticateClientUseCase.ClientAuthentication;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientResult;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.application.port.in.ListSuppressionsUseCase.ListSuppressionsResult;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import hub.gateway.application.port.in.ListWebhookDeliveriesUseCase.WebhookDelivery;
import hub.gateway.application.port.in.ListRiskEventsUseCase.RiskEvent;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceResult;
import hub.gateway.application.port.in.GetUsageUseCase.GetUsageResult;
import hub.gateway.application.port.in.SweepLimboUseCase;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase.KeyClaim;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.ListMessagesUseCase.ListMessagesResult;
import hub.gateway.application.port.in.RevokeApiKeyUseCase.RevokeApiKeyResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceCommand;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceCommand;
import hub.gateway.application.port.in.ReceiveTransportWebhookUseCase.WebhookReceipt;
import hub.gateway.application.port.in.GetOverviewUseCase.HourOfSends;
import hub.gateway.application.port.in.GetOverviewUseCase.Overview;
import hub.gateway.application.port.in.GetOverviewUseCase.RefusalCount;
import hub.gateway.application.port.in.GetOverviewUseCase.WebhookBacklog;
import hub.gateway.application.port.in.ListAccountsUseCase.AccountSummary;
import hub.gateway.application.port.in.ListAccountsUseCase.ListAccountsResult;
import hub.gateway.application.port.in.ListApiKeysUseCase.ApiKeySummary;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase.ListInstanceMessagesResult;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.ListPausedInstancesResult;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.PausedInstance;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.HistoryEntry;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.ListSuppressionHistoryResult;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.SuppressionEntry;
import hub.gateway.application.port.in.Page;
import hub.gateway.application.port.in.SearchInstancesUseCase.SearchInstancesResult;
import hub.gateway.domain.send.RefusalReason;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKeySecret;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Instant;
import java.time.ZoneOffset;
import hub.gateway.application.port.in.DeleteTemplateUseCase;
import hub.gateway.application.port.in.RegisterTemplateUseCase;
import hub.gateway.application.port.in.SyncTemplatesUseCase;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Hand-written stand-ins for the use cases: each test sets the behaviour it needs. */
final class FakeUseCases {
    static final String GOOD_KEY = "gk_live_good";
    static final String REVOKED_KEY = "gk_live_revoked";
    static final AccountId ACCOUNT = new AccountId("acc_1");
    static final String OPERATOR_TOKEN = "gop_alice";
    static final Operator OPERATOR = new Operator("op_alice", "alice");
    static final Instant NOW = Instant.parse("2026-05-08T10:00:30Z");

    final AtomicReference<Function<SendMessageCommand, SendMessageResult>> send =
            new AtomicReference<>(c -> new SendMessageResult.Sent("wamid.1", 123, Quotas.FIRST_SEND));
    final AtomicReference<SendMessageCommand> lastSend = new AtomicReference<>();
    final AtomicReference<KeyClaim> claim = new AtomicReference<>(new KeyClaim.Claimed());
    final AtomicReference<String> lastClaimHash = new AtomicReference<>();
    /** The headers each remembered answer was stored with, by key. */
    final Map<String, Map<String, String>> rememberedHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    /** "key status body" of each remembered answer, and "key" of each released claim, in order. */
    final List<String> idempotencyCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicReference<Boolean> ready = new AtomicReference<>(true);
    /** The built-in admin's token; empty: none configured. */
    final AtomicReference<Optional<String>> adminToken = new AtomicReference<>(Optional.empty());
    /** The console session the fake sign-in starts for {@link #OPERATOR_TOKEN}, and its CSRF token. */
    static final String SESSION_ID = "gcs_alice_session";
    static final String CSRF_TOKEN = "csrf-alice-0123";
    /** The session ids signed out so far: found no more. */
    final List<String> signedOut = new java.util.concurrent.CopyOnWriteArrayList<>();

    static hub.gateway.application.port.in.ActiveConsoleSession session() {
        return new hub.gateway.application.port.in.ActiveConsoleSession(OPERATOR, CSRF_TOKEN, NOW.plusSeconds(8 * 3600));
    }

    /** The operator each admin use case was last called by. */
    final AtomicReference<Operator> lastOperator = new AtomicReference<>();
    final AtomicReference<ChangeInstanceStatusCommand> lastStatusChange = new AtomicReference<>();
    final AtomicReference<Integer> lastAuditLimit = new AtomicReference<>();
    final AtomicReference<Function<InboundMessage, InboundResult>> inbound =
            new AtomicReference<>(m -> new InboundResult.OptedOut());
    final AtomicReference<InboundMessage> lastInbound = new AtomicReference<>();
    final AtomicReference<Function<BlockRecipientCommand, BlockRecipientResult>> block =
            new AtomicReference<>(c -> new BlockRecipientResult.Blocked(blocked()));
    final AtomicReference<BlockRecipientCommand> lastBlock = new AtomicReference<>();
    final AtomicReference<Function<LiftSuppressionCommand, LiftSuppressionResult>> lift =
            new AtomicReference<>(c -> new LiftSuppressionResult.Lifted());
    final AtomicReference<LiftSuppressionCommand> lastLift = new AtomicReference<>();
    final AtomicReference<Integer> lastDeliveriesLimit = new AtomicReference<>();
    final AtomicReference<Integer> lastRiskEventsLimit = new AtomicReference<>();
    /** What the admin routes answer for an instance. */
    final AtomicReference<InstanceReport> instance = new AtomicReference<>(report());
    final AtomicReference<CreateInstanceCommand> lastCreate = new AtomicReference<>();
    final AtomicReference<UpdateInstanceCommand> lastUpdate = new AtomicReference<>();
    final AtomicReference<Function<ProviderWebhook, WebhookReceipt>> webhook =
            new AtomicReference<>(w -> new WebhookReceipt.Accepted(1, 1));
    final AtomicReference<ProviderWebhook> lastWebhook = new AtomicReference<>();
    final AtomicReference<Function<Map<String, String>, Optional<String>>> subscription =
            new AtomicReference<>(q -> Optional.empty());
    final AtomicReference<String> lastSubscriptionTransport = new AtomicReference<>();
    final AtomicReference<Map<String, String>> lastSubscriptionQuery = new AtomicReference<>();

    /** One call of the provider webhook use case, as the edge made it. */
    record ProviderWebhook(String transport, Optional<String> instanceId, Map<String, String> headers, byte[] body) {
        ProviderWebhook(String transport, Map<String, String> headers, byte[] body) {
            this(transport, Optional.empty(), headers, body);
        }
    }

    static final String ACCESS_TOKEN = "EAAGm0PX4ZCpsBAKZBZCsecret-token-text";

    /** A meta_cloud instance whose transport account carries a token, which must never be shown. */
    static InstanceReport metaReport() {
        Instance instance = new Instance(new InstanceId("inst_12345"), ACCOUNT, "Meta Line", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, "meta_cloud",
                new TransportAccount(Optional.of("106540352242922"), Optional.of(ACCESS_TOKEN)),
                Optional.empty(), ZoneOffset.UTC, Instant.parse("2026-05-01T00:00:00Z"));
        return new InstanceReport(instance, new Usage(3, 40, 400), UsageWindows.at(NOW, ZoneOffset.UTC));
    }

    /** A message the transport sent, which was then delivered, read and finally reported failed. */
    static MessageRecord trackedRecord() {
        return new MessageRecord(125, Optional.of("wamid.2"), "inst_12345", Optional.of("+966501234567"),
                Optional.of("transactional"), "failed", Optional.empty(), NOW,
                List.of(new MessageRecord.StatusChange("sent", NOW),
                        new MessageRecord.StatusChange("delivered", Instant.parse("2026-05-08T10:00:31Z")),
                        new MessageRecord.StatusChange("read", Instant.parse("2026-05-08T10:00:32.500Z")),
                        new MessageRecord.StatusChange("failed", Instant.parse("2026-05-08T10:00:40Z"))));
    }

    static Suppression blocked() {
        return new Suppression(new InstanceId("inst_12345"), new PhoneNumber("+966501234567"), SuppressionReason.BLOCKED,
                SuppressedBy.CLIENT, NOW);
    }

    static Suppression optedOut() {
        return new Suppression(new InstanceId("inst_12345"), new PhoneNumber("+966507654321"),
                SuppressionReason.RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT, Instant.parse("2026-05-08T10:00:00Z"));
    }

    static WebhookDelivery delivery() {
        return new WebhookDelivery(7, "evt_abc", "recipient.opted_out", "dead", 12,
                Optional.of(NOW), Optional.of(500), Optional.of("HTTP 500"), Optional.empty(),
                Instant.parse("2026-05-07T10:00:00Z"));
    }

    static WebhookDelivery freshDelivery() {
        return new WebhookDelivery(8, "evt_def", "recipient.opted_in", "pending", 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(NOW), NOW);
    }

    static List<RiskSignal> signals() {
        return List.of(new RiskSignal("promotional_language", 40, "limited offer"),
                new RiskSignal("shortened_link", 30, "bit.ly"),
                new RiskSignal("promotional_language", 20, "خصم"));
    }

    /** Newest first, as the ledger answers: a pause (no message-log row) after the violation that caused it. */
    static List<RiskEvent> riskEvents() {
        return List.of(
                new RiskEvent(2, NOW, new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, signals()), Optional.empty()),
                new RiskEvent(1, Instant.parse("2026-05-08T10:00:29.5Z"),
                        new RiskAssessment(90, RiskAction.BLOCK, signals()), Optional.of(124L)));
    }

    static InstanceReport report() {
        Instance instance = new Instance(new InstanceId("inst_12345"), ACCOUNT, "Demo Support Line", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, "sandbox", Optional.empty(), ZoneOffset.UTC,
                Instant.parse("2026-05-01T00:00:00Z"));
        return new InstanceReport(instance, new Usage(3, 40, 400), UsageWindows.at(NOW, ZoneOffset.UTC));
    }

    static MessageRecord record() {
        return new MessageRecord(123, Optional.of("wamid.1"), "inst_12345", Optional.of("+966501234567"),
                Optional.of("transactional"), "sent", Optional.empty(), NOW,
                List.of(new MessageRecord.StatusChange("accepted", NOW), new MessageRecord.StatusChange("sent", NOW)));
    }

    /** What the scrape's gauges read; a supplier that throws or blocks plays a database in trouble. */
    final java.util.concurrent.atomic.AtomicReference<java.util.function.Supplier<ReadOperatingGaugesUseCase.OperatingGauges>> gauges =
            new java.util.concurrent.atomic.AtomicReference<>(() -> new ReadOperatingGaugesUseCase.OperatingGauges(
                    Optional.of(new ReadOperatingGaugesUseCase.WebhookBacklog(3, java.time.Duration.ofSeconds(42))),
                    new ReadOperatingGaugesUseCase.DatabaseConnections(2, 4, 1)));

    private WebhookReceipt received(ProviderWebhook call) {
        lastWebhook.set(call);
        return webhook.get().apply(call);
    }

    UseCases useCases() {
        return new UseCases(
                token -> switch (token) {
                    case GOOD_KEY -> new ClientAuthentication.Authenticated(ACCOUNT);
                    case REVOKED_KEY -> new ClientAuthentication.RevokedKey();
                    default -> new ClientAuthentication.UnknownKey();
                },
                command -> {
                    lastSend.set(command);
                    return send.get().apply(command);
                },
                (account, logId) -> !account.equals(ACCOUNT) ? Optional.empty()
                        : logId == 123 ? Optional.of(record())
                        : logId == 125 ? Optional.of(trackedRecord())
                        : Optional.empty(),
                query -> query.instanceId().nonBlankText().isEmpty()
                        ? new ListMessagesResult.Invalid(List.of(new FieldError("instance_id", "is required")))
                        : query.instanceId().nonBlankText().get().equals("inst_12345")
                        ? new ListMessagesResult.Listed(List.of(record()))
                        : new ListMessagesResult.UnknownInstance(),
                (account, instanceId) -> instanceId.nonBlankText().filter("inst_12345"::equals).isPresent()
                        ? new GetUsageResult.Found(report())
                        : new GetUsageResult.UnknownInstance(),
                ready::get,
                (command, by) -> by(by, command.name().nonBlankText()
                        .<CreateAccountResult>map(name -> new CreateAccountResult.Created(
                                new Account(new AccountId("acc_new"), name, java.time.ZoneId.of("UTC"))))
                        .orElseGet(() -> new CreateAccountResult.Invalid(List.of(new FieldError("name", "is required"))))),
                (account, by) -> by(by, account.value().equals("acc_1")
                        ? new IssueApiKeyResult.Issued("key_1", new ApiKeySecret("gk_live_secret"))
                        : new IssueApiKeyResult.UnknownAccount()),
                (keyId, by) -> by(by, keyId.equals("key_1") ? new RevokeApiKeyResult.Revoked("key_1") : new RevokeApiKeyResult.UnknownKey()),
                (command, by) -> {
                    lastOperator.set(by);
                    lastCreate.set(command);
                    return command.instanceId().nonBlankText().filter("taken"::equals).isPresent()
                            ? new CreateInstanceResult.AlreadyExists()
                            : new CreateInstanceResult.Created(instance.get(), "whsec_abc");
                },
                id -> id.equals("inst_12345") ? Optional.of(instance.get()) : Optional.empty(),
                (command, by) -> {
                    lastOperator.set(by);
                    lastUpdate.set(command);
                    return command.instanceId().equals("inst_12345")
                            ? new UpdateInstanceResult.Updated(instance.get())
                            : new UpdateInstanceResult.UnknownInstance();
                },
                (command, by) -> {
                    lastOperator.set(by);
                    lastStatusChange.set(command);
                    return command.instanceId().equals("inst_12345")
                            ? new ChangeInstanceStatusResult.Done(instance.get())
                            : new ChangeInstanceStatusResult.UnknownInstance();
                },
                message -> {
                    lastInbound.set(message);
                    return inbound.get().apply(message);
                },
                (account, instanceId) -> instanceId.nonBlankText().isEmpty()
                        ? new ListSuppressionsResult.Invalid(List.of(new FieldError("instance_id", "is required")))
                        : account.equals(ACCOUNT) && instanceId.nonBlankText().get().equals("inst_12345")
                        ? new ListSuppressionsResult.Listed(List.of(blocked(), optedOut()))
                        : new ListSuppressionsResult.UnknownInstance(),
                command -> {
                    lastBlock.set(command);
                    return block.get().apply(command);
                },
                command -> {
                    lastLift.set(command);
                    return lift.get().apply(command);
                },
                () -> 0,
                (instanceId, limit) -> {
                    lastDeliveriesLimit.set(limit);
                    return instanceId.equals("inst_12345") ? Optional.of(List.of(delivery(), freshDelivery())) : Optional.empty();
                },
                (instanceId, eventId, by) -> by(by, instanceId.equals("inst_12345") && eventId == 7),
                (instanceId, limit) -> {
                    lastRiskEventsLimit.set(limit);
                    return instanceId.equals("inst_12345") ? Optional.of(riskEvents()) : Optional.empty();
                },
                (transport, instanceId, headers, body) -> received(new ProviderWebhook(transport, instanceId, headers, body)),
                (transport, query) -> {
                    lastSubscriptionTransport.set(transport);
                    lastSubscriptionQuery.set(query);
                    return subscription.get().apply(query);
                },
                (accountId, key, requestHash) -> {
                    lastClaimHash.set(requestHash);
                    return claim.get();
                },
                (accountId, key, status, headers, body) -> {
                    rememberedHeaders.put(key, headers);
                    idempotencyCalls.add("remember " + key + " " + status + " " + body);
                },
                (accountId, key) -> idempotencyCalls.add("release " + key),
                () -> 0,
                () -> new SweepLimboUseCase.Swept(0, false),
                () -> gauges.get().get(),

                token -> token.equals(OPERATOR_TOKEN) ? new OperatorAuthentication.Authenticated(OPERATOR)
                        : adminToken.get().filter(token::equals).isPresent()
                        ? new OperatorAuthentication.Authenticated(Operator.ADMIN)
                        : new OperatorAuthentication.Refused(),
                (command, by) -> by(by, command.name().nonBlankText()
                        .<CreateOperatorResult>map(name -> name.equals("admin") ? new CreateOperatorResult.NameTaken()
                                : new CreateOperatorResult.Created(new Operator("op_new", name), new OperatorToken("gop_new")))
                        .orElseGet(() -> new CreateOperatorResult.Invalid(List.of(new FieldError("name", "is required"))))),
                (operatorId, by) -> by(by, switch (operatorId) {
                    case "admin" -> new RevokeOperatorResult.BuiltIn();
                    case "op_alice" -> new RevokeOperatorResult.Revoked("op_alice");
                    default -> new RevokeOperatorResult.UnknownOperator();
                }),
                () -> List.of(new ListedOperator(Operator.ADMIN, true, Optional.empty(), Optional.empty()),
                        new ListedOperator(OPERATOR, false, Optional.of(NOW), Optional.empty())),
                limit -> {
                    lastAuditLimit.set(limit);
                    return List.of(new AuditEntry(NOW, "alice", AuditAction.INSTANCE_RESUME, "inst_12345",
                            Optional.of("checked: a clinic's reminders")));
                },
                token -> token.equals(OPERATOR_TOKEN)
                        ? new SignInOperatorUseCase.SignInResult.SignedIn(SESSION_ID, session())
                        : new SignInOperatorUseCase.SignInResult.Refused(),
                sessionId -> sessionId.equals(SESSION_ID) && !signedOut.contains(sessionId)
                        ? Optional.of(session()) : Optional.empty(),
                signedOut::add,
                operatorReads(),
                templateAdmin());
    }

    /** What the sync answers; the known instance is inst_12345, whose one template is {@link #TEMPLATE}. */
    final AtomicReference<SyncTemplatesUseCase.SyncTemplatesResult> sync = new AtomicReference<>(
            new SyncTemplatesUseCase.SyncTemplatesResult.Synced(List.of(TEMPLATE), 1, 0));
    final AtomicReference<RegisterTemplateUseCase.RegisterTemplateCommand> lastRegister = new AtomicReference<>();
    final AtomicReference<String> lastTemplateDelete = new AtomicReference<>();

    static final Template TEMPLATE = new Template(new TemplateKey("order_shipped", "en"), TemplateCategory.UTILITY,
            new TemplateBody("Your order {{1}} has been shipped."),
            List.of(new TemplateButton(TemplateButton.Type.URL, "Track", Optional.of("https://example.com/track"))),
            TemplateStatus.APPROVED);

    UseCases.TemplateAdmin templateAdmin() {
        return new UseCases.TemplateAdmin(
                (command, by) -> by(by, register(command)),
                instanceId -> instanceId.equals("inst_12345") ? Optional.of(List.of(TEMPLATE)) : Optional.empty(),
                (instanceId, name, language, by) -> {
                    lastTemplateDelete.set(instanceId + "/" + name + "/" + language);
                    return by(by, !instanceId.equals("inst_12345")
                            ? new DeleteTemplateUseCase.DeleteTemplateResult.UnknownInstance()
                            : name.equals("order_shipped") && language.equals("en")
                            ? new DeleteTemplateUseCase.DeleteTemplateResult.Deleted()
                            : new DeleteTemplateUseCase.DeleteTemplateResult.UnknownTemplate());
                },
                (instanceId, by) -> by(by, instanceId.equals("inst_12345") ? sync.get()
                        : new SyncTemplatesUseCase.SyncTemplatesResult.UnknownInstance()));
    }

    private RegisterTemplateUseCase.RegisterTemplateResult register(RegisterTemplateUseCase.RegisterTemplateCommand command) {
        lastRegister.set(command);
        if (!command.instanceId().equals("inst_12345")) {
            return new RegisterTemplateUseCase.RegisterTemplateResult.UnknownInstance();
        }
        if (command.name().equals(hub.gateway.application.port.in.Input.text("order_shipped"))) {
            return new RegisterTemplateUseCase.RegisterTemplateResult.AlreadyExists();
        }
        if (!(command.name() instanceof hub.gateway.application.port.in.Input.Text name)) {
            return new RegisterTemplateUseCase.RegisterTemplateResult.Invalid(List.of(new FieldError("name", "is required")));
        }
        return new RegisterTemplateUseCase.RegisterTemplateResult.Registered(new Template(
                new TemplateKey(name.value(), "en"), TemplateCategory.AUTHENTICATION,
                new TemplateBody("{{1}} is your verification code."), List.of(), TemplateStatus.PENDING));
    }

    /** Notes who called, then answers. */
    private <T> T by(Operator by, T answer) {
        lastOperator.set(by);
        return answer;
    }

    /** A cursor the fakes give out and take back; any other is refused as the services refuse it. */
    static final String CURSOR = "c2Vjb25k";
    final AtomicReference<String> lastSearch = new AtomicReference<>();

    private static <T> boolean badCursor(Optional<String> cursor) {
        return cursor.isPresent() && !cursor.get().equals(CURSOR);
    }

    private static List<FieldError> cursorError() {
        return List.of(new FieldError("cursor", "is not a cursor this list gave out"));
    }

    static PausedInstance paused() {
        RiskEvent pause = riskEvents().getFirst();
        Instance instance = report().instance().withStatus(InstanceStatus.PAUSED_FOR_REVIEW);
        return new PausedInstance(instance, NOW, Optional.of(pause), riskEvents(),
                List.of(new MessageRecord(126, Optional.empty(), "inst_12345", Optional.of("+966501234567"),
                        Optional.of("support"), "refused", Optional.of("policy_violation"), NOW, List.of())),
                riskEvents().stream().filter(e -> e.assessment().action() == hub.gateway.domain.risk.RiskAction.BLOCK).toList());
    }

    static Overview overview() {
        Instant from = Instant.parse("2026-05-07T11:00:00Z");
        List<HourOfSends> hours = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            hours.add(new HourOfSends(from.plusSeconds(3600L * i), i == 23 ? 5 : 0, 0, i == 23 ? 2 : 0, 0));
        }
        return new Overview(from, from.plusSeconds(24 * 3600), NOW, hours, List.of(new RefusalCount(RefusalReason.MINUTE_LIMIT_REACHED, 2)), 1,
                new WebhookBacklog(1, Optional.of(Instant.parse("2026-05-08T09:59:30Z")),
                        Optional.of(java.time.Duration.ofSeconds(60))));
    }

    /** The messages listed for inst_12345; a test may put others (an {@code unknown} one) and put these back. */
    final AtomicReference<List<MessageRecord>> instanceMessages = new AtomicReference<>(defaultInstanceMessages());

    static List<MessageRecord> defaultInstanceMessages() {
        return List.of(trackedRecord(), record());
    }

    static MessageRecord unknownRecord() {
        return new MessageRecord(127, Optional.empty(), "inst_12345", Optional.of("+966501234567"),
                Optional.of("transactional"), "unknown", Optional.empty(), NOW,
                List.of(new MessageRecord.StatusChange("accepted", NOW), new MessageRecord.StatusChange("unknown", NOW)));
    }

    UseCases.OperatorReads operatorReads() {
        return new UseCases.OperatorReads(
                (cursor, limit) -> badCursor(cursor)
                        ? new ListPausedInstancesResult.Invalid(cursorError())
                        : new ListPausedInstancesResult.Listed(new Page<>(List.of(paused()),
                        cursor.isPresent() ? Optional.empty() : Optional.of(CURSOR))),
                (text, cursor, limit) -> {
                    lastSearch.set(text.orElse(null));
                    return badCursor(cursor)
                            ? new SearchInstancesResult.Invalid(cursorError())
                            : new SearchInstancesResult.Listed(new Page<>(List.of(report()), Optional.empty()));
                },
                (instanceId, cursor, limit) -> badCursor(cursor)
                        ? new ListInstanceMessagesResult.Invalid(cursorError())
                        : instanceId.equals("inst_12345")
                        ? new ListInstanceMessagesResult.Listed(new Page<>(instanceMessages.get(), Optional.of(CURSOR)))
                        : new ListInstanceMessagesResult.UnknownInstance(),
                (instanceId, cursor, limit) -> badCursor(cursor)
                        ? new ListSuppressionHistoryResult.Invalid(cursorError())
                        : instanceId.equals("inst_12345")
                        ? new ListSuppressionHistoryResult.Listed(new Page<>(List.of(new SuppressionEntry(blocked(),
                        List.of(new HistoryEntry("added", SuppressionReason.BLOCKED, "client", NOW, Optional.of("client API"))))),
                        Optional.empty()))
                        : new ListSuppressionHistoryResult.UnknownInstance(),
                (cursor, limit) -> badCursor(cursor)
                        ? new ListAccountsResult.Invalid(cursorError())
                        : new ListAccountsResult.Listed(new Page<>(List.of(new AccountSummary(
                        new Account(ACCOUNT, "Clinic", java.time.ZoneId.of("Asia/Riyadh")), NOW, 1)), Optional.empty())),
                accountId -> accountId.equals("acc_1")
                        ? Optional.of(List.of(new ApiKeySummary("key_1", "gk_live_abcdefgh", NOW, Optional.of(NOW))))
                        : Optional.empty(),
                FakeUseCases::overview);
    }
}
