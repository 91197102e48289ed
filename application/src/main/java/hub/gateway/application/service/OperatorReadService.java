package hub.gateway.application.service;

import hub.gateway.application.port.in.GetOverviewUseCase;
import hub.gateway.application.port.in.ListAccountsUseCase;
import hub.gateway.application.port.in.ListApiKeysUseCase;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase;
import hub.gateway.application.port.in.ListPausedInstancesUseCase;
import hub.gateway.application.port.in.ListRiskEventsUseCase;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase;
import hub.gateway.application.port.in.Page;
import hub.gateway.application.port.in.SearchInstancesUseCase;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.application.service.Cursors.Decoded;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.risk.RepeatedViolationsRule;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operator console reads (contract §12), each list in pages with keyset cursors. Reads only: the console
 * changes nothing through here, and adds no rule of its own to what the ports answer.
 */
final class OperatorReadService implements ListPausedInstancesUseCase, SearchInstancesUseCase,
        ListInstanceMessagesUseCase, ListSuppressionHistoryUseCase, ListAccountsUseCase, ListApiKeysUseCase,
        GetOverviewUseCase {
    private final Instances instances;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final MessageLog messageLog;
    private final RiskLedger riskLedger;
    private final SuppressionList suppressions;
    private final Outbox outbox;
    private final InstanceLookup lookup;
    private final InstanceReports reports;
    private final RepeatedViolationsRule repeatedViolations;
    private final Clock clock;

    OperatorReadService(Instances instances, Accounts accounts, ApiKeys apiKeys, MessageLog messageLog,
                        RiskLedger riskLedger, SuppressionList suppressions, Outbox outbox, InstanceReports reports,
                        RepeatedViolationsRule repeatedViolations, Clock clock) {
        this.instances = instances;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.messageLog = messageLog;
        this.riskLedger = riskLedger;
        this.suppressions = suppressions;
        this.outbox = outbox;
        this.lookup = new InstanceLookup(instances);
        this.reports = reports;
        this.repeatedViolations = repeatedViolations;
        this.clock = clock;
    }

    // The review list ---------------------------------------------------------------------------------------------

    @Override
    public ListPausedInstancesResult listPaused(Optional<String> cursor, int limit) {
        Decoded<Instances.PausedPosition> after = Cursors.decode(cursor, "review", 2,
                parts -> Optional.of(new Instances.PausedPosition(Cursors.instant(parts.get(0)), instanceId(parts.get(1)))));
        if (after instanceof Decoded.Bad) {
            return new ListPausedInstancesResult.Invalid(List.of(Cursors.BAD_CURSOR));
        }
        Page<Instances.Paused> paused = Cursors.page(instances.pausedForReview(after.at(), limit + 1), limit,
                p -> Cursors.encode("review", p.since().toString(), p.instance().id().value()));
        Map<InstanceId, Instant> moments = new LinkedHashMap<>();
        paused.items().forEach(p -> moments.put(p.instance().id(), p.since()));
        Map<InstanceId, List<RiskLedger.RiskEvent>> assessments = moments.isEmpty() ? Map.of()
                : riskLedger.leadingTo(moments, ASSESSMENTS);
        Map<InstanceId, List<MessageRecord>> refusals = moments.isEmpty() ? Map.of()
                : messageLog.recentRefusals(paused.items().stream().map(Instances.Paused::instance).toList(), SCANNED,
                REFUSALS);
        List<PausedInstance> entries = paused.items().stream().map(p -> {
            List<ListRiskEventsUseCase.RiskEvent> events = assessments.getOrDefault(p.instance().id(), List.of())
                    .stream().map(OperatorReadService::riskEvent).toList();
            // A rules pause stores its assessment at the very moment of the status change; an operator's has none.
            Optional<ListRiskEventsUseCase.RiskEvent> pause = events.stream()
                    .filter(e -> e.assessment().action() == RiskAction.PAUSE_INSTANCE && e.at().equals(p.since()))
                    .findFirst();
            return new PausedInstance(p.instance(), p.since(), pause, events,
                    refusals.getOrDefault(p.instance().id(), List.of()), ledToPause(pause, events, p.since()));
        }).toList();
        return new ListPausedInstancesResult.Listed(new Page<>(entries, paused.nextCursor()));
    }

    /**
     * The violations a pause by repeated violations counted: the refusals scored at least the rule's certain score
     * within its window before the pause, as the ledger counted them when it paused.
     */
    private List<ListRiskEventsUseCase.RiskEvent> ledToPause(Optional<ListRiskEventsUseCase.RiskEvent> pause,
                                                            List<ListRiskEventsUseCase.RiskEvent> events, Instant pausedAt) {
        boolean byViolations = pause.map(p -> p.assessment().signals().stream()
                .anyMatch(s -> s.name().equals(RepeatedViolationsRule.SIGNAL))).orElse(false);
        if (!byViolations) {
            return List.of();
        }
        Instant since = pausedAt.minus(repeatedViolations.window());
        return events.stream().filter(e -> e.assessment().action() == RiskAction.BLOCK && e.at().isAfter(since)
                && !e.at().isAfter(pausedAt) && repeatedViolations.counts(e.assessment())).toList();
    }

    static ListRiskEventsUseCase.RiskEvent riskEvent(RiskLedger.RiskEvent e) {
        return new ListRiskEventsUseCase.RiskEvent(e.id(), e.at(), e.assessment(), e.logId());
    }

    // Instances ---------------------------------------------------------------------------------------------------

    @Override
    public SearchInstancesResult search(Optional<String> text, Optional<String> cursor, int limit) {
        Decoded<InstanceId> after = Cursors.decode(cursor, "instances", 1, parts -> Optional.of(instanceId(parts.get(0))));
        if (after instanceof Decoded.Bad) {
            return new SearchInstancesResult.Invalid(List.of(Cursors.BAD_CURSOR));
        }
        Optional<String> wanted = text.map(String::strip).filter(t -> !t.isEmpty());
        Page<Instance> page = Cursors.page(instances.search(wanted, after.at(), limit + 1), limit,
                i -> Cursors.encode("instances", i.id().value()));
        return new SearchInstancesResult.Listed(new Page<>(reports.of(page.items()), page.nextCursor()));
    }

    @Override
    public ListInstanceMessagesResult listMessages(String instanceId, Optional<String> cursor, int limit) {
        Decoded<Long> before = Cursors.decode(cursor, "messages", 1, parts -> Optional.of(Long.parseLong(parts.get(0))));
        if (before instanceof Decoded.Bad) {
            return new ListInstanceMessagesResult.Invalid(List.of(Cursors.BAD_CURSOR));
        }
        Optional<Instance> instance = lookup.find(Optional.empty(), instanceId);
        if (instance.isEmpty()) {
            return new ListInstanceMessagesResult.UnknownInstance();
        }
        List<MessageRecord> rows = messageLog.recent(instance.get().accountId(), instance.get().id(), before.at(),
                limit + 1);
        return new ListInstanceMessagesResult.Listed(
                Cursors.page(rows, limit, m -> Cursors.encode("messages", Long.toString(m.logId()))));
    }

    // Suppressions ------------------------------------------------------------------------------------------------

    @Override
    public ListSuppressionHistoryResult listHistory(String instanceId, Optional<String> cursor, int limit) {
        Decoded<SuppressionList.SuppressionPosition> after = Cursors.decode(cursor, "suppressions", 3,
                parts -> Optional.of(new SuppressionList.SuppressionPosition(Cursors.instant(parts.get(0)),
                        new PhoneNumber(parts.get(1)), SuppressionReason.fromWireName(parts.get(2)))));
        if (after instanceof Decoded.Bad) {
            return new ListSuppressionHistoryResult.Invalid(List.of(Cursors.BAD_CURSOR));
        }
        Optional<Instance> instance = lookup.find(Optional.empty(), instanceId);
        if (instance.isEmpty()) {
            return new ListSuppressionHistoryResult.UnknownInstance();
        }
        List<SuppressionEntry> rows = suppressions.withHistory(instance.get().id(), after.at(), limit + 1, HISTORY)
                .stream()
                .map(s -> new SuppressionEntry(s.suppression(), s.history().stream()
                        .map(a -> new HistoryEntry(a.action(), a.reason(), a.actor(), a.at(), a.note())).toList()))
                .toList();
        return new ListSuppressionHistoryResult.Listed(Cursors.page(rows, limit, e -> Cursors.encode("suppressions",
                e.suppression().since().toString(), e.suppression().phone().e164(), e.suppression().reason().wireName())));
    }

    // Accounts ----------------------------------------------------------------------------------------------------

    @Override
    public ListAccountsResult listAccounts(Optional<String> cursor, int limit) {
        Decoded<Accounts.AccountPosition> after = Cursors.decode(cursor, "accounts", 2, parts -> Optional.of(
                new Accounts.AccountPosition(Cursors.instant(parts.get(0)), new AccountId(parts.get(1)))));
        if (after instanceof Decoded.Bad) {
            return new ListAccountsResult.Invalid(List.of(Cursors.BAD_CURSOR));
        }
        List<AccountSummary> rows = accounts.page(after.at(), limit + 1).stream()
                .map(a -> new AccountSummary(a.account(), a.createdAt(), a.instances()))
                .toList();
        return new ListAccountsResult.Listed(Cursors.page(rows, limit,
                a -> Cursors.encode("accounts", a.createdAt().toString(), a.account().id().value())));
    }

    @Override
    public Optional<List<ApiKeySummary>> listKeys(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return Optional.empty();
        }
        AccountId id;
        try {
            id = new AccountId(accountId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return accounts.find(id).map(account -> apiKeys.ofAccount(account.id()).stream()
                .map(k -> new ApiKeySummary(k.id(), k.prefix(), k.createdAt(), k.revokedAt()))
                .toList());
    }

    // Overview ----------------------------------------------------------------------------------------------------

    @Override
    public Overview overview() {
        Instant now = clock.instant();
        Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(HOURS - 1, ChronoUnit.HOURS);
        // To the end of the current hour: a row another node's clock put a moment ahead of this one still counts.
        Instant until = from.plus(HOURS, ChronoUnit.HOURS);
        Map<Instant, MessageLog.HourOfSends> counted = new LinkedHashMap<>();
        messageLog.sendsByHour(from, until).forEach(h -> counted.put(h.hour(), h));
        List<HourOfSends> hours = new ArrayList<>(HOURS);
        for (int i = 0; i < HOURS; i++) {
            Instant hour = from.plus(i, ChronoUnit.HOURS);
            MessageLog.HourOfSends h = counted.get(hour);
            hours.add(h == null ? new HourOfSends(hour, 0, 0, 0, 0)
                    : new HourOfSends(hour, h.sent(), h.failed(), h.refused(), h.unknown()));
        }
        List<RefusalCount> refusals = messageLog.refusalsByReason(from, until, TOP_REFUSALS).stream()
                .map(r -> new RefusalCount(r.reason(), r.count()))
                .toList();
        Outbox.Backlog backlog = outbox.backlog();
        Optional<Duration> age = backlog.oldestCreatedAt()
                .map(oldest -> oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now));
        return new Overview(from, until, now, hours, refusals, suppressions.optOutsBetween(from, until),
                new WebhookBacklog(backlog.pending(), backlog.oldestCreatedAt(), age));
    }

    private static InstanceId instanceId(String text) {
        if (!InstanceId.isWellFormed(text)) {
            throw new IllegalArgumentException("not an instance id");
        }
        return new InstanceId(text);
    }
}
