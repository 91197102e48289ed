package hub.gateway.application;

import hub.gateway.application.factory.ApplicationFactory;
import hub.gateway.application.port.out.StorageConnections;
import hub.gateway.application.port.out.AbandonedSends;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transports;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.DuplicateContentRule;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.CustomerServiceWindow;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.domain.send.RefusalReason;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Hand-written in-memory ports for the use-case tests: simple, synchronized, and obviously right. */
final class InMemoryPorts implements Accounts, ApiKeys, Instances, SendGate, MessageLog, Transports, SuppressionList,
        RiskFacts, RiskLedger, AbandonedSends {
    final Map<AccountId, Account> accounts = new HashMap<>();
    final Map<String, ApiKey> keys = new HashMap<>();
    // Concurrent: the outbox reads them under its own lock, never under this one's.
    final Map<InstanceId, Instance> instances = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<InstanceId, String> webhookSecrets = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<Long, MessageRecord> log = new HashMap<>();
    final Map<Long, Counted> counted = new HashMap<>();
    final Map<InstanceId, Counters> counters = new HashMap<>();
    Function<Transport.OutboundMessage, Transport.Delivery> transport =
            m -> new Transport.Delivery.Delivered("wamid." + m.logId());
    /** Runs inside {@link #reserve}, as a slow database would: a test may move its clock there. */
    Runnable duringReservation = () -> {
    };
    private long nextLogId = 1;
    private final Clock clock;

    InMemoryPorts(Clock clock) {
        this.clock = clock;
    }

    /** Every business event the services reported, for the tests of what operators count. */
    final RecordingActivityMonitor activity = new RecordingActivityMonitor();
    StorageConnections.Counts connections = StorageConnections.Counts.NONE;

    final InMemoryOutbox outbox = new InMemoryOutbox(this::instance, this::webhookSecret);

    private Optional<Instance> instance(InstanceId id) {
        return Optional.ofNullable(instances.get(id));
    }

    private String webhookSecret(InstanceId id) {
        return webhookSecrets.get(id);
    }
    final InMemoryOperatorAudit operatorAudit = new InMemoryOperatorAudit();
    final InMemoryTemplates templates = new InMemoryTemplates(this::instance);
    /** What the reviewing transport's provider lists for an instance (a stand-in for Meta's message_templates). */
    Function<Instance, hub.gateway.application.port.out.TransportTemplates.Fetched> providerTemplates =
            i -> new hub.gateway.application.port.out.TransportTemplates.Fetched.Read(List.of(), 0);
    final InMemoryOperators operators = new InMemoryOperators(operatorAudit);
    final InMemoryConsoleSessions consoleSessions = new InMemoryConsoleSessions(operators);
    final InMemoryIdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys(this, id -> Optional.ofNullable(log.get(id)));
    final List<WebhookSender.WebhookRequest> webhooksSent = new ArrayList<>();
    Function<WebhookSender.WebhookRequest, WebhookSender.WebhookResult> webhookReceiver = r -> {
        webhooksSent.add(r);
        return new WebhookSender.WebhookResult.Accepted(200);
    };

    UseCases useCases() {
        return useCases(UseCases.Policies.defaults());
    }

    UseCases useCases(UseCases.Policies policies) {
        return ApplicationFactory.create(new UseCases.Ports(this, this, this, this, this, this, () -> true, this, outbox,
                r -> webhookReceiver.apply(r), url -> url.contains("169.254.") ? Optional.of("a metadata address") : Optional.empty(),
                this, this, idempotencyKeys, noRetention(), this, () -> connections, activity, operators, operatorAudit,
                consoleSessions, templates, clock), policies);
    }

    /** The retention sweep has its own test (RetentionServiceTest); the use-case tests keep everything. */
    private static hub.gateway.application.port.out.ExpiredRecords noRetention() {
        return new hub.gateway.application.port.out.ExpiredRecords() {
            @Override
            public int removeMessagesBefore(Instant cutoff, int batch) {
                return 0;
            }

            @Override
            public int removeRiskEventsBefore(Instant cutoff, int batch) {
                return 0;
            }

            @Override
            public int removeWebhookEventsBefore(Instant cutoff, int batch) {
                return 0;
            }

            @Override
            public int removeIdempotencyKeysBefore(Instant cutoff, int batch) {
                return 0;
            }

            @Override
            public int removeConsoleSessionsIdleBefore(Instant cutoff, int batch) {
                return 0;
            }
        };
    }

    // RiskFacts and RiskLedger
    BehaviourFacts behaviour = BehaviourFacts.NONE;
    final List<RiskEvent> riskEvents = new ArrayList<>();
    /** Whose each risk event is, by its id (risk_event.instance_id). */
    private final Map<Long, InstanceId> riskEventInstances = new HashMap<>();

    private void recordRiskEvent(InstanceId instance, Instant at, RiskAssessment assessment, Optional<Long> logId) {
        RiskEvent event = new RiskEvent(riskEvents.size() + 1, at, assessment, logId);
        riskEvents.add(event);
        riskEventInstances.put(event.id(), instance);
    }

    /**
     * The instance's 'block' events after {@code since} scored at least {@code certainScore}, as PgRiskLedger and
     * send_gate_reserve count them.
     */
    private int violationsSince(InstanceId instance, Instant since, int certainScore) {
        return (int) riskEvents.stream().filter(e -> instance.equals(riskEventInstances.get(e.id()))
                && e.assessment().action() == hub.gateway.domain.risk.RiskAction.BLOCK && e.at().isAfter(since)
                && e.assessment().score() >= certainScore).count();
    }

    int behaviourLookups;

    @Override
    public synchronized BehaviourFacts recentBehaviour(InstanceId instanceId, int lastDeliveries, java.time.Duration optOutWindow,
                                                       int optOutsBeforeRecipients) {
        behaviourLookups++;
        return behaviour;
    }

    @Override
    public synchronized int recordViolation(Violation violation, hub.gateway.domain.risk.RepeatedViolationsRule counted) {
        long logId = recordRefusal(new RefusedRequest(violation.accountId(), violation.instanceId().value(),
                Optional.of(violation.phone()), Optional.of(violation.purpose()), RefusalReason.POLICY_VIOLATION,
                violation.at()));
        recordRiskEvent(violation.instanceId(), violation.at(), violation.assessment(), Optional.of(logId));
        return violationsSince(violation.instanceId(), violation.at().minus(counted.window()), counted.certainScore());
    }

    @Override
    public synchronized boolean pauseForReview(InstanceId instanceId, RiskAssessment assessment, Instant at) {
        Instance current = instances.get(instanceId);
        if (current == null || current.isPaused()) {
            return false;
        }
        instances.put(instanceId, current.withStatus(InstanceStatus.PAUSED_FOR_REVIEW));
        statusSince.put(instanceId, InMemoryOutbox.micros(at));
        recordRiskEvent(instanceId, InMemoryOutbox.micros(at), assessment, Optional.empty());
        outbox.append(ClientEvent.InstancePausedForReview.byRules(instanceId, current.name(), assessment.score(),
                assessment.signals(), at));
        return true;
    }

    @Override
    public synchronized List<RiskEvent> recent(InstanceId instanceId, int limit) {
        return riskEvents.reversed().stream().filter(e -> instanceId.equals(riskEventInstances.get(e.id())))
                .limit(limit).toList();
    }

    @Override
    public synchronized Map<InstanceId, List<RiskEvent>> leadingTo(Map<InstanceId, Instant> moments, int perInstance) {
        Map<InstanceId, List<RiskEvent>> events = new java.util.LinkedHashMap<>();
        moments.forEach((id, moment) -> events.put(id, riskEvents.reversed().stream()
                .filter(e -> id.equals(riskEventInstances.get(e.id())) && !e.at().isAfter(moment))
                .limit(perInstance)
                .toList()));
        return events;
    }

    // SuppressionList
    final List<Suppression> suppressions = new ArrayList<>();
    final List<AuditRow> audit = new ArrayList<>();

    /** One row of suppression_audit. */
    record AuditRow(InstanceId instance, PhoneNumber phone, String action, SuppressionReason reason, SuppressedBy actor,
                    Instant at, String note) {
        /** As the use-case tests read it: "lifted blocked by client: note". */
        String line() {
            return action + " " + reason.wireName() + " by " + actor.wireName() + ": " + note;
        }
    }

    @Override
    public synchronized List<Suppression> find(InstanceId instanceId, PhoneNumber phone) {
        return suppressions.stream().filter(s -> s.instanceId().equals(instanceId) && s.phone().equals(phone)).toList();
    }

    @Override
    public synchronized List<Suppression> list(InstanceId instanceId, int limit) {
        return suppressions.reversed().stream().filter(s -> s.instanceId().equals(instanceId)).limit(limit).toList();
    }

    /** Newest first, ties by phone then reason, as PgSuppressionList orders them. */
    @Override
    public synchronized List<SuppressionHistory> withHistory(InstanceId instanceId, Optional<SuppressionPosition> after,
                                                             int limit, int historyLimit) {
        Comparator<SuppressionPosition> order = Comparator.comparing(SuppressionPosition::since).reversed()
                .thenComparing(p -> p.phone().e164())
                .thenComparing(p -> p.reason().wireName());
        return suppressions.stream()
                .filter(s -> s.instanceId().equals(instanceId))
                .filter(s -> after.isEmpty() || order.compare(position(s), after.get()) > 0)
                .sorted(Comparator.comparing((Suppression s) -> position(s), order))
                .limit(limit)
                .map(s -> {
                    List<HistoryEntry> trail = audit.stream()
                            .filter(a -> a.instance().equals(instanceId) && a.phone().equals(s.phone())
                                    && a.reason() == s.reason())
                            .map(a -> new HistoryEntry(a.action(), a.reason(), a.actor().wireName(), a.at(),
                                    Optional.ofNullable(a.note())))
                            .toList();
                    return new SuppressionHistory(s, trail.subList(Math.max(0, trail.size() - historyLimit), trail.size()));
                })
                .toList();
    }

    private static SuppressionPosition position(Suppression s) {
        return new SuppressionPosition(s.since(), s.phone(), s.reason());
    }

    @Override
    public synchronized long optOutsBetween(Instant from, Instant until) {
        return audit.stream().filter(a -> a.action().equals("added") && a.reason() == SuppressionReason.RECIPIENT_REQUESTED_STOP
                && !a.at().isBefore(from) && a.at().isBefore(until)).count();
    }

    @Override
    public synchronized boolean add(Suppression suppression, String note, Optional<ClientEvent> event) {
        if (find(suppression.instanceId(), suppression.phone()).stream().anyMatch(s -> s.reason() == suppression.reason())) {
            return false;
        }
        event.ifPresent(outbox::append); // first: an event that cannot be stored makes no change at all
        suppressions.add(suppression);
        audit.add(new AuditRow(suppression.instanceId(), suppression.phone(), "added", suppression.reason(),
                suppression.by(), suppression.since(), note));
        return true;
    }

    @Override
    public synchronized boolean lift(InstanceId instanceId, PhoneNumber phone, SuppressionReason reason, SuppressedBy liftedBy,
                                     Instant at, String note, Optional<ClientEvent> event) {
        boolean present = suppressions.stream()
                .anyMatch(s -> s.instanceId().equals(instanceId) && s.phone().equals(phone) && s.reason() == reason);
        if (!present) {
            return false;
        }
        event.ifPresent(outbox::append); // first: an event that cannot be stored makes no change at all
        suppressions.removeIf(s -> s.instanceId().equals(instanceId) && s.phone().equals(phone) && s.reason() == reason);
        audit.add(new AuditRow(instanceId, phone, "lifted", reason, liftedBy, at, note));
        return true;
    }

    // Accounts
    /** account.created_at: the store's clock when it was added. */
    final Map<AccountId, Instant> accountsCreated = new HashMap<>();
    @Override public synchronized void add(Account account) {
        accounts.put(account.id(), account);
        accountsCreated.put(account.id(), InMemoryOutbox.micros(clock.instant()));
    }

    /** Newest first, ties by id descending, as PgAccounts orders them. */
    @Override
    public synchronized List<AccountSummary> page(Optional<AccountPosition> after, int limit) {
        Comparator<AccountPosition> oldestFirst = Comparator.comparing(AccountPosition::createdAt)
                .thenComparing(p -> p.id().value());
        return accounts.values().stream()
                .map(a -> new AccountSummary(a, accountsCreated.get(a.id()),
                        (int) instances.values().stream().filter(i -> i.belongsTo(a.id())).count()))
                .filter(a -> after.isEmpty() || oldestFirst.compare(position(a), after.get()) < 0)
                .sorted(Comparator.comparing((AccountSummary a) -> position(a), oldestFirst).reversed())
                .limit(limit)
                .toList();
    }

    private static AccountPosition position(AccountSummary a) {
        return new AccountPosition(a.createdAt(), a.account().id());
    }
    @Override public synchronized Optional<Account> find(AccountId id) { return Optional.ofNullable(accounts.get(id)); }
    @Override public synchronized boolean isEmpty() { return accounts.isEmpty(); }

    // ApiKeys
    @Override public synchronized void add(ApiKey key) { keys.put(key.id(), key); }
    @Override public synchronized Optional<ApiKey> findByHash(ApiKeyHash hash) {
        return keys.values().stream().filter(k -> k.hash().equals(hash)).findFirst();
    }
    @Override public synchronized List<ApiKey> ofAccount(AccountId accountId) {
        return keys.values().stream().filter(k -> k.accountId().equals(accountId))
                .sorted(Comparator.comparing(ApiKey::createdAt).reversed().thenComparing(ApiKey::id))
                .toList();
    }
    @Override public synchronized boolean revoke(String apiKeyId, Instant at) {
        ApiKey key = keys.get(apiKeyId);
        if (key == null) {
            return false;
        }
        keys.put(apiKeyId, new ApiKey(key.id(), key.accountId(), key.prefix(), key.hash(), key.createdAt(),
                key.revokedAt().or(() -> Optional.of(at))));
        return true;
    }

    // Instances
    /** instance.status_changed_at */
    final Map<InstanceId, Instant> statusSince = new HashMap<>();

    @Override public synchronized boolean add(Instance instance, String webhookSecret) {
        if (instances.containsKey(instance.id())) {
            return false;
        }
        instances.put(instance.id(), instance);
        statusSince.put(instance.id(), InMemoryOutbox.micros(instance.createdAt()));
        webhookSecrets.put(instance.id(), webhookSecret);
        return true;
    }
    @Override public synchronized Optional<Instance> find(InstanceId id) { return Optional.ofNullable(instances.get(id)); }
    @Override public synchronized boolean update(Instance instance) {
        return instances.replace(instance.id(), instance) != null;
    }
    @Override public synchronized StatusChange changeStatus(InstanceId id, InstanceStatus status,
                                                            Optional<ClientEvent> announced, AuditEntry audited) {
        Instance current = instances.get(id);
        if (current == null) {
            return StatusChange.UNKNOWN_INSTANCE;
        }
        if (current.status() == status) {
            return StatusChange.UNCHANGED;
        }
        if (current.status() != status) {
            statusSince.put(id, InMemoryOutbox.micros(clock.instant()));
        }
        instances.put(id, current.withStatus(status));
        announced.ifPresent(outbox::append);
        operatorAudit.append(audited);
        return StatusChange.CHANGED;
    }

    @Override
    public synchronized List<Instance> search(Optional<String> text, Optional<InstanceId> after, int limit) {
        Optional<String> wanted = text.map(t -> t.toLowerCase(java.util.Locale.ROOT));
        return instances.values().stream()
                .filter(i -> wanted.isEmpty() || java.util.stream.Stream.of(i.id().value(), i.name(), i.accountId().value())
                        .anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains(wanted.get())))
                .filter(i -> after.isEmpty() || i.id().value().compareTo(after.get().value()) > 0)
                .sorted(Comparator.comparing(i -> i.id().value()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Paused> pausedForReview(Optional<PausedPosition> after, int limit) {
        Comparator<PausedPosition> oldestFirst = Comparator.comparing(PausedPosition::since)
                .thenComparing(p -> p.id().value());
        return instances.values().stream()
                .filter(Instance::isPaused)
                .map(i -> new Paused(i, statusSince.get(i.id())))
                .filter(p -> after.isEmpty()
                        || oldestFirst.compare(new PausedPosition(p.since(), p.instance().id()), after.get()) < 0)
                .sorted(Comparator.comparing((Paused p) -> new PausedPosition(p.since(), p.instance().id()), oldestFirst)
                        .reversed())
                .limit(limit)
                .toList();
    }

    // SendGate
    record Counted(InstanceId instance, UsageWindows windows) {
    }

    static final class Counters {
        Instant minute;
        java.time.LocalDate day;
        java.time.LocalDate month;
        int minuteUsed;
        int dayUsed;
        int monthUsed;

        Usage in(UsageWindows w) {
            return new Usage(w.minuteStart().equals(minute) ? minuteUsed : 0,
                    w.day().equals(day) ? dayUsed : 0,
                    w.monthStart().equals(month) ? monthUsed : 0);
        }
    }

    /** Content sent by each instance, as message_log's content_hash column keeps it. */
    record Fingerprinted(hub.gateway.domain.risk.ContentFingerprint fingerprint, InstanceId instance, PhoneNumber recipient,
                         Instant at) {
    }

    final List<Fingerprinted> fingerprinted = new ArrayList<>();

    /** When each recipient last wrote to each instance, as customer_service_window keeps it. */
    record Recipient(InstanceId instance, PhoneNumber phone) {
    }

    final Map<Recipient, Instant> lastWrote = new HashMap<>();
    /** Each host accepted sends linked to, with the first moment one did (link_host). */
    final Map<String, Instant> linkedHosts = new HashMap<>();

    /** As PgSendGate's upsert: the latest moment wins, whatever order they come in. */
    @Override
    public synchronized void recipientWrote(InstanceId instanceId, PhoneNumber recipient, Instant at) {
        lastWrote.merge(new Recipient(instanceId, recipient), InMemoryOutbox.micros(at),
                (kept, newer) -> newer.isAfter(kept) ? newer : kept);
    }

    /** As send_gate_reserve (R__reserve_quota.sql): the same checks, in the same order, with the same log rows. */
    @Override
    public synchronized GateOutcome reserve(SendReservation r) {
        duringReservation.run();
        SendReservation.Send send = r.send();
        Instant at = r.windows().now();
        if (find(send.instance(), send.recipient()).stream().anyMatch(s -> r.suppressedBy().contains(s.reason()))) {
            return new GateOutcome.Suppressed(logged(send, "refused", "recipient_suppressed", at));
        }
        if (r.needsOpenWindow()) {
            Instant wrote = lastWrote.get(new Recipient(send.instance(), send.recipient()));
            if (wrote == null || !CustomerServiceWindow.isOpen(wrote, at)) {
                return new GateOutcome.WindowClosed(logged(send, "refused", logged(RefusalReason.WINDOW_CLOSED), at));
            }
        }
        RiskAssessment assessment = r.assessment();
        if (r.conditionalRisk().isPresent()) {
            SendReservation.ConditionalRisk risk = r.conditionalRisk().get();
            int held = 0;
            for (int i = 0; i < risk.signals().size(); i++) {
                boolean holds = switch (risk.signals().get(i).condition()) {
                    case hub.gateway.domain.risk.ConditionalSignal.RecipientNeverWrote ignored ->
                            !lastWrote.containsKey(new Recipient(send.instance(), send.recipient()));
                    case hub.gateway.domain.risk.ConditionalSignal.HostNew host -> {
                        Instant first = linkedHosts.get(host.host());
                        yield first == null || first.isAfter(at.minus(host.age()));
                    }
                };
                held |= holds ? 1 << i : 0;
            }
            if (held != 0) {
                List<hub.gateway.domain.risk.RiskSignal> signals = new ArrayList<>(assessment.signals());
                signals.addAll(risk.held(held));
                int score = Math.min(100, assessment.score() + risk.held(held).stream()
                        .mapToInt(hub.gateway.domain.risk.RiskSignal::weight).sum());
                if (score >= risk.blockScore()) {
                    long logId = logged(send, "refused", "policy_violation", at);
                    recordRiskEvent(send.instance(), at, new RiskAssessment(score, hub.gateway.domain.risk.RiskAction.BLOCK,
                            signals), Optional.of(logId));
                    int violations = violationsSince(send.instance(), at.minus(risk.counted().window()),
                            risk.counted().certainScore());
                    return new GateOutcome.RiskConfirmed(held, violations, logId);
                }
                assessment = new RiskAssessment(score, assessment.action(), signals);
            }
        }
        if (r.duplicateContent().isPresent()) {
            SendReservation.DuplicateContentRule rule = r.duplicateContent().get();
            Instant since = at.minus(rule.window());
            int others = (int) fingerprinted.stream()
                    .filter(f -> f.fingerprint().equals(rule.fingerprint()) && f.instance().equals(send.instance())
                            && f.at().isAfter(since) && !f.recipient().equals(send.recipient()))
                    .map(Fingerprinted::recipient).distinct().count();
            if (others >= rule.maxOtherRecipients()) {
                long logId = logged(send, "refused", "policy_violation", at);
                recordRiskEvent(send.instance(), at, counted(rule.violation(), others), Optional.of(logId));
                Instant violationsSince = at.minus(rule.counted().window());
                int violations = violationsSince(send.instance(), violationsSince, rule.counted().certainScore());
                return new GateOutcome.DuplicateContent(others, violations, logId);
            }
        }
        Counters c = counters.computeIfAbsent(send.instance(), id -> new Counters());
        Usage used = c.in(r.windows());
        if (used.minute() >= r.limits().perMinute()) {
            return new GateOutcome.Exhausted(GateOutcome.Window.MINUTE, r.limits().perMinute(), used.minute(),
                    logged(send, "refused", "sending_throttled", at), used);
        }
        if (used.day() >= r.limits().daily()) {
            return new GateOutcome.Exhausted(GateOutcome.Window.DAY, r.limits().daily(), used.day(),
                    logged(send, "refused", "daily_message_limit_exceeded", at), used);
        }
        if (used.month() >= r.limits().monthly()) {
            return new GateOutcome.Exhausted(GateOutcome.Window.MONTH, r.limits().monthly(), used.month(),
                    logged(send, "refused", "monthly_message_limit_exceeded", at), used);
        }
        c.minute = r.windows().minuteStart();
        c.day = r.windows().day();
        c.month = r.windows().monthStart();
        c.minuteUsed = used.minute() + 1;
        c.dayUsed = used.day() + 1;
        c.monthUsed = used.month() + 1;
        long logId = logged(send, "accepted", null, at);
        counted.put(logId, new Counted(send.instance(), r.windows()));
        r.duplicateContent().ifPresent(rule -> fingerprinted.add(
                new Fingerprinted(rule.fingerprint(), send.instance(), send.recipient(), at)));
        if (assessment.score() > 0) {
            recordRiskEvent(send.instance(), at, assessment, Optional.of(logId));
        }
        Instant linkedAt = at;
        r.conditionalRisk().ifPresent(risk -> risk.hostsToRecord().forEach(host -> linkedHosts.putIfAbsent(host, linkedAt)));
        send.idempotencyKey().ifPresent(key -> idempotencyKeys.link(send.account(), key, logId));
        return new GateOutcome.Reserved(logId, new Usage(c.minuteUsed, c.dayUsed, c.monthUsed));
    }

    /** The duplicate-content signal, last of the violation's, gets the count where the policy left its mark. */
    private static RiskAssessment counted(RiskAssessment violation, int recipients) {
        List<hub.gateway.domain.risk.RiskSignal> signals = new ArrayList<>(violation.signals());
        if (!signals.isEmpty()) {
            hub.gateway.domain.risk.RiskSignal last = signals.removeLast();
            signals.add(new hub.gateway.domain.risk.RiskSignal(last.name(), last.weight(),
                    last.evidence().replace(DuplicateContentRule.RECIPIENTS, Integer.toString(recipients))));
        }
        return new RiskAssessment(violation.score(), violation.action(), signals);
    }

    private long logged(SendReservation.Send send, String status, String error, Instant at) {
        long logId = nextLogId++;
        owners.put(logId, send.account());
        log.put(logId, new MessageRecord(logId, Optional.empty(), send.instance().value(),
                Optional.of(send.recipient().e164()), Optional.of(send.purpose().wireName()), status,
                Optional.ofNullable(error), InMemoryOutbox.micros(at), List.of()));
        return logId;
    }

    @Override
    public synchronized void giveBack(long logId, GiveBack reason, Instant at) {
        switch (reason) {
            case DELIVERY_FAILED -> deliveryFailed(logId, at);
            case DEADLINE_PASSED -> withdraw(logId);
        }
    }

    /** As give_back_quota: only the windows still current go down; the row is 'failed', with a history entry. */
    private void deliveryFailed(long logId, Instant at) {
        MessageRecord row = log.get(logId);
        if (row == null || !Set.of("accepted", "unknown").contains(row.status())) {
            return;
        }
        Counted was = counted.remove(logId);
        if (was != null) {
            countedDown(was);
        }
        log.put(logId, new MessageRecord(logId, row.messageId(), row.instanceId(), row.phone(), row.messagePurpose(),
                "failed", Optional.of("gateway_send_failed"), row.createdAt(), appended(row, "failed", at)));
    }

    /** As PostgreSQL's: only the windows still current go down; the row is 'refused', with no history entry. */
    private void withdraw(long logId) {
        MessageRecord row = log.get(logId);
        if (row == null || !row.status().equals("accepted")) {
            return;
        }
        Counted was = counted.remove(logId);
        if (was != null) {
            countedDown(was);
        }
        log.put(logId, new MessageRecord(logId, row.messageId(), row.instanceId(), row.phone(), row.messagePurpose(),
                "refused", Optional.of("service_unavailable"), row.createdAt(), row.statusHistory()));
    }

    private void countedDown(Counted was) {
        Counters c = counters.get(was.instance());
        if (was.windows().minuteStart().equals(c.minute)) {
            c.minuteUsed = Math.max(0, c.minuteUsed - 1);
        }
        if (was.windows().day().equals(c.day)) {
            c.dayUsed = Math.max(0, c.dayUsed - 1);
        }
        if (was.windows().monthStart().equals(c.month)) {
            c.monthUsed = Math.max(0, c.monthUsed - 1);
        }
    }

    @Override
    public synchronized Usage usage(InstanceId instanceId, UsageWindows windows) {
        Counters c = counters.get(instanceId);
        return c == null ? Usage.NONE : c.in(windows);
    }

    @Override
    public synchronized Map<InstanceId, Usage> usage(Map<InstanceId, UsageWindows> windows) {
        Map<InstanceId, Usage> usage = new HashMap<>();
        windows.forEach((id, w) -> usage.put(id, usage(id, w)));
        return usage;
    }

    // MessageLog
    private final Map<Long, AccountId> owners = new HashMap<>();

    private MessageRecord record(long id, AccountId account, String instance, String phone, String purpose,
                                 String status, String error, Instant at) {
        owners.put(id, account);
        return new MessageRecord(id, Optional.empty(), instance, Optional.ofNullable(phone), Optional.ofNullable(purpose),
                status, Optional.ofNullable(error), InMemoryOutbox.micros(at), List.of());
    }

    @Override
    public synchronized long recordRefusal(RefusedRequest request) {
        long id = nextLogId++;
        log.put(id, record(id, request.accountId(), request.instanceId(), request.phone().orElse(null),
                request.purpose().orElse(null), "refused", logged(request.reason()), request.at()));
        return id;
    }

    @Override
    public synchronized void markSent(long logId, String messageId, Instant at) {
        MessageRecord row = log.get(logId);
        if (!Set.of("accepted", "unknown").contains(row.status())) {
            return;
        }
        log.put(logId, new MessageRecord(logId, Optional.of(messageId), row.instanceId(), row.phone(),
                row.messagePurpose(), "sent", Optional.empty(), row.createdAt(), appended(row, "sent", at)));
    }

    private static List<MessageRecord.StatusChange> appended(MessageRecord row, String status, Instant at) {
        List<MessageRecord.StatusChange> history = new ArrayList<>(row.statusHistory());
        history.add(new MessageRecord.StatusChange(status, at));
        return history;
    }

    // AbandonedSends: the oldest first, like the SQL's primary-key order
    @Override
    public synchronized Round markUnknown(Instant acceptedBefore, Instant at, int max) {
        List<MessageRecord> due = log.values().stream()
                .filter(r -> r.status().equals("accepted") && r.createdAt().isBefore(acceptedBefore))
                .sorted(Comparator.comparingLong(MessageRecord::logId))
                .limit(max)
                .toList();
        for (MessageRecord row : due) {
            log.put(row.logId(), new MessageRecord(row.logId(), row.messageId(), row.instanceId(), row.phone(),
                    row.messagePurpose(), "unknown", row.error(), row.createdAt(), appended(row, "unknown", at)));
        }
        return new Round(due.size(), due.size() == max);
    }

    @Override
    public synchronized Optional<MessageRecord> find(AccountId accountId, long logId) {
        return Optional.ofNullable(log.get(logId)).filter(r -> accountId.equals(owners.get(logId)));
    }

    @Override
    public synchronized List<MessageRecord> recent(AccountId accountId, InstanceId instanceId, Optional<Long> before,
                                                   int limit) {
        List<MessageRecord> rows = new ArrayList<>(log.values().stream()
                .filter(r -> accountId.equals(owners.get(r.logId())) && r.instanceId().equals(instanceId.value()))
                .filter(r -> before.isEmpty() || r.logId() < before.get())
                .toList());
        rows.sort(Comparator.comparingLong(MessageRecord::logId).reversed());
        return rows.subList(0, Math.min(limit, rows.size()));
    }

    @Override
    public synchronized Map<InstanceId, List<MessageRecord>> recentRefusals(java.util.Collection<Instance> wanted,
                                                                           int scanned, int perInstance) {
        Map<InstanceId, List<MessageRecord>> refusals = new java.util.LinkedHashMap<>();
        for (Instance instance : wanted) {
            refusals.put(instance.id(), recent(instance.accountId(), instance.id(), Optional.empty(), scanned).stream()
                    .filter(r -> r.status().equals("refused"))
                    .limit(perInstance)
                    .toList());
        }
        return refusals;
    }

    @Override
    public synchronized List<HourOfSends> sendsByHour(Instant from, Instant until) {
        Map<Long, long[]> hours = new java.util.TreeMap<>();
        log.values().stream().filter(r -> !r.createdAt().isBefore(from) && r.createdAt().isBefore(until)).forEach(r -> {
            long[] counts = hours.computeIfAbsent(java.time.Duration.between(from, r.createdAt()).toHours(), h -> new long[4]);
            switch (r.status()) {
                case "sent", "delivered", "read" -> counts[0]++;
                case "failed" -> counts[1]++;
                case "refused" -> counts[2]++;
                default -> counts[3]++;
            }
        });
        return hours.entrySet().stream().map(e -> new HourOfSends(from.plus(java.time.Duration.ofHours(e.getKey())),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();
    }

    @Override
    public synchronized List<RefusalCount> refusalsByReason(Instant from, Instant until, int top) {
        Map<RefusalReason, Long> counts = new java.util.EnumMap<>(RefusalReason.class);
        log.values().stream()
                .filter(r -> r.status().equals("refused") && !r.createdAt().isBefore(from) && r.createdAt().isBefore(until))
                .forEach(r -> java.util.Arrays.stream(RefusalReason.values())
                        .filter(reason -> r.error().equals(Optional.of(logged(reason))))
                        .findFirst()
                        .ifPresent(reason -> counts.merge(reason, 1L, Long::sum)));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<RefusalReason, Long>comparingByValue().reversed()
                        .thenComparing(e -> logged(e.getKey())))
                .limit(top)
                .map(e -> new RefusalCount(e.getKey(), e.getValue()))
                .toList();
    }

    // Transports
    @Override
    public Optional<Transport> named(String name) {
        return switch (name) {
            case "sandbox" -> Optional.of(m -> transport.apply(m));
            case WINDOWED -> Optional.of(new Transport() {
                @Override
                public Delivery deliver(OutboundMessage message) {
                    return transport.apply(message);
                }

                @Override
                public boolean enforcesCustomerServiceWindow() {
                    return true;
                }
            });
            case REVIEWING -> Optional.of(m -> transport.apply(m));
            default -> Optional.empty();
        };
    }

    /** A transport that delivers like the sandbox's and enforces the customer-service window, as meta_cloud does. */
    static final String WINDOWED = "windowed";

    /** {@value #REVIEWING}: a transport whose provider reviews templates, as Meta's does. */
    static final String REVIEWING = "reviewing";

    @Override
    public Set<String> names() {
        return Set.of("sandbox", WINDOWED, REVIEWING);
    }

    @Override
    public Optional<hub.gateway.application.port.out.TransportTemplates> templates(String name) {
        return name.equals(REVIEWING) ? Optional.of(instance -> providerTemplates.apply(instance)) : Optional.empty();
    }

    @Override
    public Optional<hub.gateway.application.port.out.TransportWebhooks> webhooks(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<String> problemWith(String name, hub.gateway.domain.account.TransportAccount account) {
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Instance> findByTransportAccount(String transport, String accountRef) {
        return instances.values().stream().filter(i -> i.transport().equals(transport)
                && i.transportAccount().phoneNumberId().equals(Optional.of(accountRef))).findFirst();
    }

    @Override
    public synchronized boolean recordDeliveryStatus(DeliveryReport report) {
        String wireName = report.status().wireName();
        Optional<MessageRecord> found = log.values().stream()
                .filter(row -> row.messageId().equals(Optional.of(report.providerMessageId())))
                .filter(row -> report.reportedFor().isEmpty() || row.instanceId().equals(report.reportedFor().get().value()))
                .findFirst()
                .or(() -> report.sentAs().map(sentAs -> log.get(sentAs.logId()))
                        .filter(row -> row.instanceId().equals(report.sentAs().get().instanceId().value()))
                        .filter(row -> row.messageId().isEmpty() || row.status().equals("unknown")));
        if (found.isEmpty() || found.get().statusHistory().stream().anyMatch(c -> c.status().equals(wireName))) {
            return false;
        }
        MessageRecord row = found.get();
        boolean forward = rank(wireName) > rank(row.status());
        log.put(row.logId(), new MessageRecord(row.logId(), Optional.of(report.providerMessageId()), row.instanceId(),
                row.phone(), row.messagePurpose(), forward ? wireName : row.status(),
                wireName.equals("failed") ? report.error() : row.error(), row.createdAt(),
                appended(row, wireName, report.at())));
        return true;
    }

    /** As the SQL ranks a row's status: anything not yet reported (accepted, unknown) lowest, failed highest. */
    private static int rank(String status) {
        return switch (status) {
            case "sent" -> 1;
            case "delivered" -> 2;
            case "read" -> 3;
            case "failed" -> 4;
            default -> 0;
        };
    }

    @Override
    public synchronized void markOutcomeUnknown(long logId, Instant at) {
        MessageRecord row = log.get(logId);
        if (!row.status().equals("accepted")) {
            return;
        }
        log.put(logId, new MessageRecord(logId, row.messageId(), row.instanceId(), row.phone(), row.messagePurpose(),
                "unknown", row.error(), row.createdAt(), appended(row, "unknown", at)));
    }

    /** The message log's spelling of a reason, as PostgreSQL's rows hold it (the persistence adapter's LoggedReasons). */
    static String logged(RefusalReason reason) {
        return switch (reason) {
            case UNKNOWN_INSTANCE -> "invalid_instance";
            case PURPOSE_REQUIRED -> "message_purpose_required";
            case PURPOSE_NOT_ALLOWED -> "message_purpose_not_allowed";
            case INVALID_FIELDS -> "validation_error";
            case INSTANCE_PAUSED -> "instance_paused_for_review";
            case RECIPIENT_SUPPRESSED -> "recipient_suppressed";
            case WINDOW_CLOSED -> "template_required";
            case POLICY_VIOLATION -> "policy_violation";
            case MINUTE_LIMIT_REACHED -> "sending_throttled";
            case DAILY_LIMIT_REACHED -> "daily_message_limit_exceeded";
            case MONTHLY_LIMIT_REACHED -> "monthly_message_limit_exceeded";
            case DELIVERY_FAILED -> "gateway_send_failed";
            case DEADLINE_PASSED -> "service_unavailable";
        };
    }
}
