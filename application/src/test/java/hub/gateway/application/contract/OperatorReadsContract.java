package hub.gateway.application.contract;

import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.Accounts.AccountPosition;
import hub.gateway.application.port.out.Accounts.AccountSummary;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.Instances.Paused;
import hub.gateway.application.port.out.Instances.PausedPosition;
import hub.gateway.application.port.out.MessageLog.HourOfSends;
import hub.gateway.application.port.out.MessageLog.RefusalCount;
import hub.gateway.application.port.out.MessageLog.RefusedRequest;
import hub.gateway.application.port.out.Outbox.Backlog;
import hub.gateway.application.port.out.RiskLedger.RiskEvent;
import hub.gateway.application.port.out.RiskLedger.Violation;
import hub.gateway.application.port.out.SendGate.GiveBack;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.SuppressionList.HistoryEntry;
import hub.gateway.application.port.out.SuppressionList.SuppressionHistory;
import hub.gateway.application.port.out.SuppressionList.SuppressionPosition;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeySecret;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.application.port.out.Instances;

import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.domain.send.RefusalReason;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedOut;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reads the operator console adds to the ports (Instances, SendGate, MessageLog, RiskLedger, SuppressionList,
 * Accounts, ApiKeys, Outbox): their orders, pages and counts. The tests of a class may share one store, so each test
 * works on its own rows (fresh ids, and times of its own where a read spans every instance).
 */
public abstract class OperatorReadsContract {
    private static final Limits GENEROUS = new Limits(10_000, 10_000, 10_000);
    private static final PhoneNumber PHONE = new PhoneNumber("+966501234567");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The ports under test, of one store. */
    public interface Subject extends ContractPorts {
        Instances instances();

        Accounts accounts();

        ApiKeys apiKeys();
    }

    protected abstract Subject subject();

    private Subject subject;
    private AccountId account;

    @BeforeEach
    void freshAccount() {
        subject = subject();
        account = subject.account();
    }

    // Instances

    @Test
    void theSearchFindsAFragmentOfTheIdTheNameOrTheAccountInAnyCaseAndPagesById() {
        List<InstanceId> ids = new ArrayList<>(List.of(instance(), instance(), instance()));
        ids.sort(Comparator.comparing(InstanceId::value));
        Instances instances = subject.instances();

        Optional<String> byAccount = Optional.of(account.value().toUpperCase(java.util.Locale.ROOT));
        assertEquals(ids, idsOf(instances.search(byAccount, Optional.empty(), 10)));
        assertEquals(ids.subList(0, 2), idsOf(instances.search(byAccount, Optional.empty(), 2)));
        assertEquals(ids.subList(2, 3), idsOf(instances.search(byAccount, Optional.of(ids.get(1)), 2)));
        String tail = ids.get(1).value().substring(ids.get(1).value().length() - 8);
        assertEquals(List.of(ids.get(1)), idsOf(instances.search(Optional.of(tail), Optional.empty(), 10)));
        assertTrue(instances.search(Optional.of("support LINE"), Optional.empty(), 500).stream()
                .map(Instance::id).toList().containsAll(ids), "the name, in any case");
        assertTrue(instances.search(Optional.of("%"), Optional.empty(), 10).isEmpty(), "% means itself");
    }

    @Test
    void pausedInstancesComeMostRecentlyPausedFirstWithTheMomentOfTheirPause() {
        InstanceId older = instance();
        InstanceId newer = instance();
        InstanceId resumed = instance();
        Instant at = Instant.parse("2091-02-03T04:05:06.123456Z");
        assertTrue(subject.riskLedger().pauseForReview(older, pause(), at));
        assertTrue(subject.riskLedger().pauseForReview(newer, pause(), at.plusSeconds(60)));
        assertTrue(subject.riskLedger().pauseForReview(resumed, pause(), at.plusSeconds(120)));
        assertEquals(Instances.StatusChange.CHANGED, subject.instances().changeStatus(resumed, InstanceStatus.ACTIVE,
                Optional.empty(), AuditEntry.of(Operator.ADMIN, AuditAction.INSTANCE_RESUME, resumed.value(), at)));

        List<Paused> mine = allPaused().stream()
                .filter(p -> Set.of(older, newer, resumed).contains(p.instance().id())).toList();
        assertEquals(List.of(newer, older), mine.stream().map(p -> p.instance().id()).toList());
        assertEquals(List.of(at.plusSeconds(60), at), mine.stream().map(Paused::since).toList());
        assertEquals(List.of(older), subject.instances()
                .pausedForReview(Optional.of(new PausedPosition(at.plusSeconds(60), newer)), 500).stream()
                .map(p -> p.instance().id()).filter(Set.of(older, newer)::contains).toList(), "the page after newer");
    }

    @Test
    void pausingAPausedInstanceKeepsTheMomentOfItsPause() {
        InstanceId paused = instance();
        Instant at = Instant.parse("2092-02-03T04:05:06Z");
        assertTrue(subject.riskLedger().pauseForReview(paused, pause(), at));
        assertEquals(Instances.StatusChange.UNCHANGED, subject.instances().changeStatus(paused, InstanceStatus.PAUSED_FOR_REVIEW,
                Optional.empty(), AuditEntry.of(Operator.ADMIN, AuditAction.INSTANCE_PAUSE, paused.value(), at)));

        assertEquals(List.of(at), allPaused().stream().filter(p -> p.instance().id().equals(paused))
                .map(Paused::since).toList());
    }

    // SendGate

    @Test
    void usageOfManyInstancesCountsEachInItsOwnWindowsAsTheSingleOneDoes() {
        InstanceId twice = instance();
        InstanceId once = instance();
        InstanceId never = instance();
        Instant now = Instant.parse("2025-06-01T09:30:00Z");
        reserve(twice, now);
        reserve(twice, now);
        reserve(once, now);
        UsageWindows windows = UsageWindows.at(now, ZoneOffset.UTC);
        UsageWindows nextDay = UsageWindows.at(now.plus(Duration.ofDays(1)), ZoneOffset.UTC);

        Map<InstanceId, Usage> usage = subject.gate().usage(Map.of(twice, windows, once, nextDay, never, windows));

        assertEquals(Map.of(twice, new Usage(2, 2, 2), once, new Usage(0, 0, 1), never, Usage.NONE), usage);
        assertEquals(subject.gate().usage(twice, windows), usage.get(twice));
        assertEquals(subject.gate().usage(once, nextDay), usage.get(once));
    }

    // MessageLog

    @Test
    void anInstancesMessagesArePagedNewestFirstFromTheCursor() {
        InstanceId instance = instance();
        Instant at = Instant.parse("2025-06-01T09:30:00Z");
        long first = refuse(instance, RefusalReason.DAILY_LIMIT_REACHED, at);
        long second = refuse(instance, RefusalReason.DAILY_LIMIT_REACHED, at.plusSeconds(1));
        long third = refuse(instance, RefusalReason.DAILY_LIMIT_REACHED, at.plusSeconds(2));

        assertEquals(List.of(third, second), logIds(subject.messageLog().recent(account, instance, Optional.empty(), 2)));
        assertEquals(List.of(first), logIds(subject.messageLog().recent(account, instance, Optional.of(second), 2)));
    }

    @Test
    void recentRefusalsAreTheRefusedRowsAmongEachInstancesLatest() {
        Instance busy = subject.instance(account);
        Instance quiet = subject.instance(account);
        Instant at = Instant.parse("2025-06-01T09:30:00Z");
        long older = refuse(busy.id(), RefusalReason.RECIPIENT_SUPPRESSED, at);
        reserve(busy.id(), at.plusSeconds(1));
        long newer = refuse(busy.id(), RefusalReason.POLICY_VIOLATION, at.plusSeconds(2));

        Map<InstanceId, List<MessageRecord>> refusals = subject.messageLog().recentRefusals(List.of(busy, quiet), 500, 10);
        assertEquals(List.of(newer, older), logIds(refusals.get(busy.id())));
        assertEquals(List.of(), refusals.get(quiet.id()));
        assertEquals(Optional.of("policy_violation"), refusals.get(busy.id()).getFirst().error());
        assertEquals(List.of(newer), logIds(subject.messageLog().recentRefusals(List.of(busy), 2, 10).get(busy.id())),
                "only the latest two rows are looked at");
        assertEquals(List.of(newer), logIds(subject.messageLog().recentRefusals(List.of(busy), 500, 1).get(busy.id())));
    }

    @Test
    void sendsAreCountedByHourAndOutcomeAndRefusalsByReasonWithinTheWindowOnly() {
        InstanceId instance = instance();
        Instant hour = Instant.parse("2093-03-04T05:00:00Z");
        long sent = reserved(instance, hour.plusSeconds(10));
        subject.messageLog().markSent(sent, "wamid.contract-" + sent, hour.plusSeconds(11));
        long failed = reserved(instance, hour.plusSeconds(20));
        subject.gate().giveBack(failed, GiveBack.DELIVERY_FAILED, hour.plusSeconds(21));
        reserved(instance, hour.plusSeconds(30));
        refuse(instance, RefusalReason.DAILY_LIMIT_REACHED, hour.plusSeconds(40));
        refuse(instance, RefusalReason.MINUTE_LIMIT_REACHED, hour.plus(Duration.ofHours(2)));
        refuse(instance, RefusalReason.MINUTE_LIMIT_REACHED, hour.plus(Duration.ofMinutes(179)));
        refuse(instance, RefusalReason.MINUTE_LIMIT_REACHED, hour.minusNanos(1_000));
        refuse(instance, RefusalReason.MINUTE_LIMIT_REACHED, hour.plus(Duration.ofHours(3)));

        Instant until = hour.plus(Duration.ofHours(3));
        assertEquals(List.of(new HourOfSends(hour, 1, 1, 1, 1), new HourOfSends(hour.plus(Duration.ofHours(2)), 0, 0, 2, 0)),
                subject.messageLog().sendsByHour(hour, until));
        assertEquals(List.of(new RefusalCount(RefusalReason.MINUTE_LIMIT_REACHED, 2),
                new RefusalCount(RefusalReason.DAILY_LIMIT_REACHED, 1)), subject.messageLog().refusalsByReason(hour, until, 10));
        assertEquals(List.of(new RefusalCount(RefusalReason.MINUTE_LIMIT_REACHED, 2)),
                subject.messageLog().refusalsByReason(hour, until, 1));
    }

    // RiskLedger

    @Test
    void theEventsLeadingToAMomentAreEachInstancesOwnUpToItNewestFirst() {
        InstanceId instance = instance();
        InstanceId calm = instance();
        Instant at = Instant.parse("2025-06-01T09:30:00Z");
        for (int i = 0; i < 3; i++) {
            subject.riskLedger().recordViolation(new Violation(account, instance, PHONE.e164(), "support",
                    new RiskAssessment(90, RiskAction.BLOCK, List.of(new RiskSignal("scam", 90, "won " + i))),
                    at.plusSeconds(i)), new hub.gateway.domain.risk.RepeatedViolationsRule(5, Duration.ofHours(24), 90));
        }

        Map<InstanceId, List<RiskEvent>> events = subject.riskLedger()
                .leadingTo(Map.of(instance, at.plusSeconds(1), calm, at.plusSeconds(1)), 10);
        assertEquals(List.of("won 1", "won 0"), events.get(instance).stream()
                .map(e -> e.assessment().signals().getFirst().evidence()).toList());
        assertEquals(List.of(), events.get(calm));
        assertEquals(1, subject.riskLedger().leadingTo(Map.of(instance, at.plusSeconds(5)), 1).get(instance).size());
    }

    // SuppressionList

    @Test
    void suppressionsArePagedNewestFirstEachWithItsAuditTrail() {
        InstanceId instance = instance();
        PhoneNumber first = new PhoneNumber("+966501230001");
        PhoneNumber second = new PhoneNumber("+966501230002");
        PhoneNumber third = new PhoneNumber("+966501230003");
        Instant at = Instant.parse("2025-06-01T09:30:00Z");
        block(instance, first, at);
        assertTrue(subject.suppressions().lift(instance, first, SuppressionReason.BLOCKED, SuppressedBy.ADMIN,
                at.plusSeconds(1), "lifted by an operator", Optional.empty()));
        block(instance, first, at.plusSeconds(2));
        block(instance, second, at.plusSeconds(3));
        block(instance, third, at.plusSeconds(3));

        List<SuppressionHistory> page = subject.suppressions().withHistory(instance, Optional.empty(), 2, 20);
        assertEquals(List.of(second, third), page.stream().map(h -> h.suppression().phone()).toList());
        Suppression last = page.getLast().suppression();
        List<SuppressionHistory> next = subject.suppressions().withHistory(instance,
                Optional.of(new SuppressionPosition(last.since(), last.phone(), last.reason())), 2, 20);
        assertEquals(List.of(first), next.stream().map(h -> h.suppression().phone()).toList());
        assertEquals(List.of(
                        new HistoryEntry("added", SuppressionReason.BLOCKED, "client", at, Optional.of("client API")),
                        new HistoryEntry("lifted", SuppressionReason.BLOCKED, "admin", at.plusSeconds(1),
                                Optional.of("lifted by an operator")),
                        new HistoryEntry("added", SuppressionReason.BLOCKED, "client", at.plusSeconds(2),
                                Optional.of("client API"))),
                next.getFirst().history(), "oldest first");
        assertEquals(2, subject.suppressions().withHistory(instance, Optional.of(new SuppressionPosition(
                last.since(), last.phone(), last.reason())), 2, 2).getFirst().history().size(), "the newest two");
    }

    @Test
    void optOutsAreTheRecipientsOwnStopsWithinTheWindow() {
        InstanceId instance = instance();
        Instant at = Instant.parse("2094-01-01T00:00:00Z");
        subject.suppressions().add(new Suppression(instance, PHONE, SuppressionReason.RECIPIENT_REQUESTED_STOP,
                SuppressedBy.RECIPIENT, at), "STOP", Optional.empty());
        block(instance, new PhoneNumber("+966501230009"), at);
        subject.suppressions().add(new Suppression(instance, new PhoneNumber("+966501230008"),
                SuppressionReason.RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT, at.plusSeconds(3600)), "STOP",
                Optional.empty());

        assertEquals(1, subject.suppressions().optOutsBetween(at, at.plusSeconds(3600)));
    }

    // Outbox

    @Test
    void theBacklogCountsPendingEventsAndKnowsTheOldest() {
        Instance instance = subject.instance(account);
        Backlog before = subject.outbox().backlog();
        Instant at = Instant.parse("2025-06-01T09:30:00Z");
        subject.suppressions().add(new Suppression(instance.id(), PHONE, SuppressionReason.RECIPIENT_REQUESTED_STOP,
                        SuppressedBy.RECIPIENT, at), "STOP",
                Optional.of(new RecipientOptedOut(instance.id(), instance.name(), PHONE, "STOP", at)));

        Backlog after = subject.outbox().backlog();
        assertEquals(before.pending() + 1, after.pending());
        assertTrue(!after.oldestCreatedAt().orElseThrow().isAfter(at), after.toString());
    }

    // Accounts and keys

    @Test
    void accountsArePagedNewestFirstWithTheirCountOfInstances() {
        instance();
        instance();
        AccountId empty = subject.account();

        List<AccountSummary> all = new ArrayList<>();
        Optional<AccountPosition> after = Optional.empty();
        List<AccountSummary> page;
        do {
            page = subject.accounts().page(after, 2);
            all.addAll(page);
            after = page.isEmpty() ? after
                    : Optional.of(new AccountPosition(page.getLast().createdAt(), page.getLast().account().id()));
        } while (page.size() == 2);

        assertEquals(all.size(), all.stream().map(a -> a.account().id()).distinct().count(), "each account once");
        Comparator<AccountSummary> newestFirst = Comparator.comparing(AccountSummary::createdAt)
                .thenComparing(a -> a.account().id().value()).reversed();
        assertEquals(all.stream().sorted(newestFirst).toList(), all);
        assertEquals(2, countOf(all, account));
        assertEquals(0, countOf(all, empty));
    }

    @Test
    void anAccountsKeysAreListedNewestFirstRevokedOnesToo() {
        Instant at = Instant.parse("2025-06-01T09:30:00Z");
        ApiKey older = key(at);
        ApiKey newer = key(at.plusSeconds(1));
        assertTrue(subject.apiKeys().revoke(older.id(), at.plusSeconds(2)));

        List<ApiKey> keys = subject.apiKeys().ofAccount(account);
        assertEquals(List.of(newer.id(), older.id()), keys.stream().map(ApiKey::id).toList());
        assertEquals(Optional.of(at.plusSeconds(2)), keys.getLast().revokedAt());
        assertEquals(List.of(), subject.apiKeys().ofAccount(subject.account()));
    }

    // helpers

    private InstanceId instance() {
        return subject.instance(account).id();
    }

    private List<Paused> allPaused() {
        return subject.instances().pausedForReview(Optional.empty(), 500);
    }

    private static RiskAssessment pause() {
        return new RiskAssessment(100, RiskAction.PAUSE_INSTANCE,
                List.of(new RiskSignal("failed_deliveries", 100, "60% of the last 20 deliveries failed")));
    }

    private void reserve(InstanceId instance, Instant at) {
        reserved(instance, at);
    }

    private long reserved(InstanceId instance, Instant at) {
        GateOutcome outcome = subject.gate().reserve(new SendReservation(
                new SendReservation.Send(account, instance, PHONE, MessagePurpose.SUPPORT, Optional.empty()),
                Set.of(SuppressionReason.values()), false, Optional.empty(), GENEROUS, UsageWindows.at(at, ZoneOffset.UTC),
                RiskAssessment.CLEAN));
        return assertInstanceOf(GateOutcome.Reserved.class, outcome).logId();
    }

    private long refuse(InstanceId instance, RefusalReason reason, Instant at) {
        return subject.messageLog().recordRefusal(new RefusedRequest(account, instance.value(), Optional.of(PHONE.e164()),
                Optional.of("support"), reason, at));
    }

    private void block(InstanceId instance, PhoneNumber phone, Instant at) {
        assertTrue(subject.suppressions().add(new Suppression(instance, phone, SuppressionReason.BLOCKED,
                SuppressedBy.CLIENT, at), "client API", Optional.empty()));
    }

    private ApiKey key(Instant at) {
        ApiKeySecret secret = ApiKeySecret.generate(RANDOM);
        ApiKey key = new ApiKey("key_" + java.util.UUID.randomUUID(), account, secret.visiblePrefix(), secret.hash(), at,
                Optional.empty());
        subject.apiKeys().add(key);
        return key;
    }

    private static List<InstanceId> idsOf(List<Instance> instances) {
        return instances.stream().map(Instance::id).toList();
    }

    private static List<Long> logIds(List<MessageRecord> records) {
        return records.stream().map(MessageRecord::logId).toList();
    }

    private static int countOf(List<AccountSummary> all, AccountId id) {
        return all.stream().filter(a -> a.account().id().equals(id)).findFirst().orElseThrow().instances();
    }
}
