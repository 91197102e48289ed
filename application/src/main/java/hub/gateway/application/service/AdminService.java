package hub.gateway.application.service;

import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.GetInstanceUseCase;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.RevokeApiKeyUseCase;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Transports;
import hub.gateway.application.port.out.WebhookDestinations;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeySecret;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.account.WahaAccount;
import hub.gateway.application.port.in.WahaInput;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.webhook.ClientEvent;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The operator's use cases: accounts, API keys and instances. Each change is audited: a pause or resume in the same
 * statement as the change (the store offers that, and the pause's client event must go with it anyway), the others
 * right after the change succeeds — a crash between the two loses that entry, and a store that fails just then
 * answers an error for a change that was made; both are rare and visible (the change itself is there to see).
 */
final class AdminService implements CreateAccountUseCase, IssueApiKeyUseCase, RevokeApiKeyUseCase,
        CreateInstanceUseCase, GetInstanceUseCase, UpdateInstanceUseCase, ChangeInstanceStatusUseCase {
    private static final String DEFAULT_TRANSPORT = "sandbox";
    private static final int MAX_NOTE = 2_000;

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Instances instances;
    private final Transports transports;
    private final WebhookDestinations webhookDestinations;
    private final InstanceReports reports;
    private final OperatorAudit audit;
    private final RandomIds ids;
    private final Clock clock;

    private final ActivityMonitor activity;

    AdminService(Accounts accounts, ApiKeys apiKeys, Instances instances, Transports transports,
                 WebhookDestinations webhookDestinations, InstanceReports reports, OperatorAudit audit, RandomIds ids,
                 ActivityMonitor activity, Clock clock) {
        this.activity = activity;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.instances = instances;
        this.transports = transports;
        this.webhookDestinations = webhookDestinations;
        this.reports = reports;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public CreateAccountResult create(CreateAccountCommand command, Operator by) {
        FieldChecks checks = new FieldChecks();
        Optional<String> name = checks.requiredText("name", command.name(), 200);
        Optional<ZoneId> zone = checks.optionalTimeZone("timezone", command.timeZone());
        if (checks.failed()) {
            return new CreateAccountResult.Invalid(checks.problems());
        }
        Account account = new Account(new AccountId(ids.id("acc")), name.get().strip(), zone.orElse(ZoneOffset.UTC));
        accounts.add(account);
        audited(by, AuditAction.ACCOUNT_CREATE, account.id().value());
        return new CreateAccountResult.Created(account);
    }

    @Override
    public IssueApiKeyResult issue(AccountId accountId, Operator by) {
        if (accounts.find(accountId).isEmpty()) {
            return new IssueApiKeyResult.UnknownAccount();
        }
        ApiKeySecret secret = ApiKeySecret.generate(ids.random());
        String keyId = ids.id("key");
        apiKeys.add(new ApiKey(keyId, accountId, secret.visiblePrefix(), secret.hash(), clock.instant(), Optional.empty()));
        audited(by, AuditAction.API_KEY_ISSUE, keyId);
        return new IssueApiKeyResult.Issued(keyId, secret);
    }

    @Override
    public RevokeApiKeyResult revoke(String apiKeyId, Operator by) {
        if (!apiKeys.revoke(apiKeyId, clock.instant())) {
            return new RevokeApiKeyResult.UnknownKey();
        }
        audited(by, AuditAction.API_KEY_REVOKE, apiKeyId);
        return new RevokeApiKeyResult.Revoked(apiKeyId);
    }

    @Override
    public CreateInstanceResult create(CreateInstanceCommand command, Operator by) {
        FieldChecks checks = new FieldChecks();
        Optional<String> accountId = checks.requiredText("account_id", command.accountId(), 100);
        Optional<String> instanceId = checks.optionalInstanceId("instance_id", command.instanceId());
        Optional<String> name = checks.requiredText("name", command.name(), 200);
        Optional<Plan> plan = checks.requiredPlan("plan", command.plan());
        Optional<String> transport = checks.optionalChoice("transport", command.transport(), transports.names());
        Optional<String> webhookUrl = checks.optionalWebhookUrl("webhook_url", command.webhookUrl());
        webhookUrl.flatMap(webhookDestinations::problemWith).ifPresent(problem -> checks.fail("webhook_url", problem));
        TransportAccount transportAccount = new TransportAccount(
                checks.optionalSecretText("phone_number_id", command.phoneNumberId(), 64),
                checks.optionalSecretText("access_token", command.accessToken(), 4096),
                checks.optionalProviderId("waba_id", command.wabaId()),
                new WahaAccount(
                        checks.optionalServerUrl("waha_url", command.waha().url()),
                        checks.optionalProviderId("waha_session", command.waha().session()),
                        checks.optionalSecretText("waha_api_key", command.waha().apiKey(), 4096),
                        checks.optionalSecretText("waha_webhook_key", command.waha().webhookKey(), 4096)));
        String transportName = transport.orElse(DEFAULT_TRANSPORT);
        if (!checks.failed()) {
            transports.problemWith(transportName, transportAccount).ifPresent(problem -> checks.fail("transport", problem));
            checkAccountIsFree(checks, transportName, transportAccount, Optional.empty());
        }
        if (checks.failed()) {
            return new CreateInstanceResult.Invalid(checks.problems());
        }
        Optional<Account> account = accounts.find(new AccountId(accountId.get()));
        if (account.isEmpty()) {
            return new CreateInstanceResult.UnknownAccount();
        }
        Instance instance = new Instance(
                new InstanceId(instanceId.orElseGet(() -> ids.id("inst"))),
                account.get().id(),
                name.get().strip(),
                plan.get(),
                LimitOverrides.NONE,
                InstanceStatus.ACTIVE,
                transportName,
                transportAccount,
                webhookUrl,
                account.get().timeZone(),
                clock.instant());
        String webhookSecret = ids.webhookSecret();
        if (!instances.add(instance, webhookSecret)) {
            return new CreateInstanceResult.AlreadyExists();
        }
        audited(by, AuditAction.INSTANCE_CREATE, instance.id().value());
        return new CreateInstanceResult.Created(reports.of(instance), webhookSecret);
    }

    @Override
    public Optional<InstanceReport> get(String instanceId) {
        return findInstance(instanceId).map(reports::of);
    }

    @Override
    public UpdateInstanceResult update(UpdateInstanceCommand command, Operator by) {
        Optional<Instance> found = findInstance(command.instanceId());
        if (found.isEmpty()) {
            return new UpdateInstanceResult.UnknownInstance();
        }
        Instance current = found.get();
        FieldChecks checks = new FieldChecks();
        Plan plan = command.plan() instanceof Input.Missing
                ? current.plan()
                : checks.requiredPlan("plan", command.plan()).orElse(current.plan());
        LimitOverrides overrides = new LimitOverrides(
                checks.limitChange("daily_limit", command.dailyLimit(), current.overrides().daily()),
                checks.limitChange("monthly_limit", command.monthlyLimit(), current.overrides().monthly()),
                checks.limitChange("per_minute_limit", command.perMinuteLimit(), current.overrides().perMinute()));
        Optional<String> webhookUrl = checks.webhookUrlChange("webhook_url", command.webhookUrl(), current.webhookUrl());
        if (!webhookUrl.equals(current.webhookUrl())) {
            webhookUrl.flatMap(webhookDestinations::problemWith).ifPresent(problem -> checks.fail("webhook_url", problem));
        }
        String name = command.name() instanceof Input.Missing
                ? current.name()
                : checks.requiredText("name", command.name(), 200).map(String::strip).orElse(current.name());
        TransportAccount account = new TransportAccount(
                command.phoneNumberId() instanceof Input.Missing ? current.transportAccount().phoneNumberId()
                        : checks.optionalSecretText("phone_number_id", command.phoneNumberId(), 64),
                command.accessToken() instanceof Input.Missing ? current.transportAccount().accessToken()
                        : checks.optionalSecretText("access_token", command.accessToken(), 4096),
                command.wabaId() instanceof Input.Missing ? current.transportAccount().businessAccountId()
                        : checks.optionalProviderId("waba_id", command.wabaId()),
                wahaChange(checks, command.waha(), current.transportAccount().waha()));
        if (!checks.failed()) {
            transports.problemWith(current.transport(), account).ifPresent(problem -> checks.fail("transport", problem));
            checkAccountIsFree(checks, current.transport(), account, Optional.of(current.id()));
        }
        if (checks.failed()) {
            return new UpdateInstanceResult.Invalid(checks.problems());
        }
        Instance updated = new Instance(current.id(), current.accountId(), name, plan, overrides, current.status(),
                current.transport(), account, webhookUrl, current.timeZone(), current.createdAt());
        if (!instances.update(updated)) {
            return new UpdateInstanceResult.UnknownInstance();
        }
        audited(by, AuditAction.INSTANCE_UPDATE, updated.id().value());
        return new UpdateInstanceResult.Updated(reports.of(updated));
    }

    @Override
    public ChangeInstanceStatusResult changeStatus(ChangeInstanceStatusCommand command, Operator by) {
        FieldChecks checks = new FieldChecks();
        Optional<String> note = checks.optionalNote("note", command.note(), MAX_NOTE);
        Optional<Instance> found = findInstance(command.instanceId());
        if (found.isEmpty()) {
            return new ChangeInstanceStatusResult.UnknownInstance();
        }
        if (checks.failed()) {
            return new ChangeInstanceStatusResult.Invalid(checks.problems());
        }
        Instance instance = found.get();
        Instant now = clock.instant();
        boolean pause = command.status() == InstanceStatus.PAUSED_FOR_REVIEW;
        Optional<ClientEvent> announced = pause
                ? Optional.of(ClientEvent.InstancePausedForReview.byOperator(instance.id(), instance.name(), note, now))
                : Optional.empty();
        AuditEntry entry = AuditEntry.of(by, pause ? AuditAction.INSTANCE_PAUSE : AuditAction.INSTANCE_RESUME,
                instance.id().value(), now).withNote(note);
        return switch (instances.changeStatus(instance.id(), command.status(), announced, entry)) {
            case CHANGED -> {
                if (pause) {
                    activity.instancePaused(PauseCause.OPERATOR);
                }
                yield new ChangeInstanceStatusResult.Done(reports.of(instance.withStatus(command.status())));
            }
            case UNCHANGED -> new ChangeInstanceStatusResult.Done(reports.of(instance.withStatus(command.status())));
            case UNKNOWN_INSTANCE -> new ChangeInstanceStatusResult.UnknownInstance();
        };
    }

    private void audited(Operator by, AuditAction action, String target) {
        audit.append(AuditEntry.of(by, action, target, clock.instant()));
    }

    /** One transport account sends for one instance: the provider's webhooks name the account, not the instance. */
    /** Each field left out keeps its value; a key is rotated by giving the new one. */
    private static WahaAccount wahaChange(FieldChecks checks, WahaInput input, WahaAccount current) {
        return new WahaAccount(
                input.url() instanceof Input.Missing ? current.url() : checks.optionalServerUrl("waha_url", input.url()),
                input.session() instanceof Input.Missing ? current.session()
                        : checks.optionalProviderId("waha_session", input.session()),
                input.apiKey() instanceof Input.Missing ? current.apiKey()
                        : checks.optionalSecretText("waha_api_key", input.apiKey(), 4096),
                input.webhookKey() instanceof Input.Missing ? current.webhookKey()
                        : checks.optionalSecretText("waha_webhook_key", input.webhookKey(), 4096));
    }

    private void checkAccountIsFree(FieldChecks checks, String transport, TransportAccount account, Optional<InstanceId> self) {
        account.phoneNumberId()
                .flatMap(ref -> instances.findByTransportAccount(transport, ref))
                .filter(other -> self.map(id -> !id.equals(other.id())).orElse(true))
                .ifPresent(other -> checks.fail("phone_number_id", "is already used by another instance"));
    }

    private Optional<Instance> findInstance(String instanceId) {
        return InstanceId.isWellFormed(instanceId) ? instances.find(new InstanceId(instanceId)) : Optional.empty();
    }
}
