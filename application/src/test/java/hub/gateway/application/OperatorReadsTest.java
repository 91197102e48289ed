package hub.gateway.application;

import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.GetOverviewUseCase.HourOfSends;
import hub.gateway.application.port.in.GetOverviewUseCase.Overview;
import hub.gateway.application.port.in.GetOverviewUseCase.RefusalCount;
import hub.gateway.application.port.in.GetUsageUseCase.GetUsageResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.ListAccountsUseCase.ListAccountsResult;
import hub.gateway.application.port.in.ListApiKeysUseCase.ApiKeySummary;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase.ListInstanceMessagesResult;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.ListPausedInstancesResult;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.PausedInstance;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.ListSuppressionHistoryResult;
import hub.gateway.application.port.in.Page;
import hub.gateway.application.port.in.SearchInstancesUseCase.SearchInstancesResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.send.RefusalReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the operator console reads, on in-memory ports: the use cases put the ports' answers together, and page them. */
class OperatorReadsTest {
    private static final List<FieldError> BAD_CURSOR = List.of(new FieldError("cursor", "is not a cursor this list gave out"));
    private final Clock clock = Clock.fixed(Instant.parse("2026-05-08T10:42:30Z"), ZoneOffset.UTC);
    private InMemoryPorts ports;
    private UseCases useCases;
    private UseCases.OperatorReads reads;
    private AccountId account;

    @BeforeEach
    void anAccount() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases();
        reads = useCases.operatorReads();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount().create(
                new CreateAccountUseCase.CreateAccountCommand(Input.text("Clinic"), Input.text("Asia/Riyadh")), Operator.ADMIN))
                .account().id();
    }

    @Test
    void theReviewListShowsARulesPauseWithItsEvidenceAndTheRefusalsThatLedThere() {
        roomyInstance("shop-line");
        for (int i = 0; i < 4; i++) {
            send("shop-line", "Vote for Ahmed in the elections");
        }
        send("shop-line", "Vote for Ahmed in the elections");
        send("shop-line", "Your order #77 has shipped");

        PausedInstance paused = single(listed(reads.listPausedInstances().listPaused(Optional.empty(), 50)));
        assertEquals("shop-line", paused.instance().id().value());
        assertEquals(clock.instant(), paused.pausedAt());
        assertEquals(RiskAction.PAUSE_INSTANCE, paused.pause().orElseThrow().assessment().action());
        assertTrue(paused.pause().orElseThrow().assessment().signals().stream()
                .anyMatch(s -> s.name().equals("repeated_violations")), paused.toString());
        assertEquals(paused.pause(), Optional.of(paused.assessments().getFirst()), "the pause's own comes first");
        assertTrue(paused.assessments().stream().skip(1).allMatch(e -> e.assessment().action() == RiskAction.BLOCK));
        assertTrue(paused.assessments().get(1).assessment().signals().stream()
                .anyMatch(s -> !s.evidence().isBlank()), "each signal carries its evidence");
        assertEquals(6, paused.recentRefusals().size(), "five violations, then the paused instance's refusal");
        assertEquals(Optional.of("instance_paused_for_review"), paused.recentRefusals().getFirst().error());
    }

    @Test
    void anOperatorsPauseIsListedWithoutAnAssessmentAndAResumeTakesItOff() {
        roomyInstance("quiet-line");
        useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand("quiet-line", InstanceStatus.PAUSED_FOR_REVIEW, Input.MISSING), Operator.ADMIN);

        PausedInstance paused = single(listed(reads.listPausedInstances().listPaused(Optional.empty(), 50)));
        assertEquals(Optional.empty(), paused.pause());
        assertEquals(clock.instant(), paused.pausedAt());

        useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand("quiet-line", InstanceStatus.ACTIVE, Input.MISSING), Operator.ADMIN);
        assertEquals(List.of(), listed(reads.listPausedInstances().listPaused(Optional.empty(), 50)).items());
    }

    @Test
    void theReviewListPagesWithItsCursorAndRefusesAnyOther() {
        for (String id : List.of("line-a", "line-b", "line-c")) {
            roomyInstance(id);
            useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand(id, InstanceStatus.PAUSED_FOR_REVIEW, Input.MISSING), Operator.ADMIN);
        }
        Page<PausedInstance> first = listed(reads.listPausedInstances().listPaused(Optional.empty(), 2));
        assertEquals(List.of("line-c", "line-b"), ids(first), "same moment: the id breaks the tie, descending");
        Page<PausedInstance> second = listed(reads.listPausedInstances().listPaused(first.nextCursor(), 2));
        assertEquals(List.of("line-a"), ids(second));
        assertEquals(Optional.empty(), second.nextCursor());

        for (String bad : List.of("not-a-cursor", "%%%", cursorOfAnotherList())) {
            assertEquals(new ListPausedInstancesResult.Invalid(BAD_CURSOR),
                    reads.listPausedInstances().listPaused(Optional.of(bad), 2), bad);
        }
    }

    @Test
    void theSearchAnswersUsageAsTheClientsUsageDoes() {
        roomyInstance("clinic-reminders");
        roomyInstance("shop-line");
        send("clinic-reminders", "Your appointment is tomorrow at 10");
        send("clinic-reminders", "Your appointment is tomorrow at 11");

        SearchInstancesResult.Listed found = assertInstanceOf(SearchInstancesResult.Listed.class,
                reads.searchInstances().search(Optional.of(" CLINIC "), Optional.empty(), 50));
        InstanceReport report = found.page().items().getFirst();
        assertEquals(1, found.page().items().size());
        InstanceReport usage = assertInstanceOf(GetUsageResult.Found.class,
                useCases.getUsage().usage(account, Input.text("clinic-reminders"))).report();
        assertEquals(usage, report);
        assertEquals(2, report.usage().day());
        assertEquals(ZoneId.of("Asia/Riyadh"), report.instance().timeZone());

        SearchInstancesResult.Listed all = assertInstanceOf(SearchInstancesResult.Listed.class,
                reads.searchInstances().search(Optional.of("  "), Optional.empty(), 1));
        assertEquals("clinic-reminders", all.page().items().getFirst().instance().id().value(), "blank is everything, by id");
        SearchInstancesResult.Listed rest = assertInstanceOf(SearchInstancesResult.Listed.class,
                reads.searchInstances().search(Optional.empty(), all.page().nextCursor(), 1));
        assertEquals("shop-line", rest.page().items().getFirst().instance().id().value());
    }

    @Test
    void anInstancesMessagesAndSuppressionsArePagedAndAnUnknownInstanceIsSaid() {
        roomyInstance("shop-line");
        send("shop-line", "Your order #1 has shipped");
        send("shop-line", "Your order #2 has shipped");
        send("shop-line", "Your order #3 has shipped");

        ListInstanceMessagesResult.Listed first = assertInstanceOf(ListInstanceMessagesResult.Listed.class,
                reads.listInstanceMessages().listMessages("shop-line", Optional.empty(), 2));
        ListInstanceMessagesResult.Listed second = assertInstanceOf(ListInstanceMessagesResult.Listed.class,
                reads.listInstanceMessages().listMessages("shop-line", first.page().nextCursor(), 2));
        assertEquals(List.of(3L, 2L, 1L), java.util.stream.Stream.concat(first.page().items().stream(),
                second.page().items().stream()).map(m -> m.logId()).toList());
        assertEquals("sent", first.page().items().getFirst().status());
        assertEquals(new ListInstanceMessagesResult.UnknownInstance(),
                reads.listInstanceMessages().listMessages("nope", Optional.empty(), 2));
        assertEquals(new ListInstanceMessagesResult.Invalid(BAD_CURSOR),
                reads.listInstanceMessages().listMessages("shop-line", Optional.of(cursorOfAnotherList()), 2));
        assertEquals(new ListSuppressionHistoryResult.UnknownInstance(),
                reads.listSuppressionHistory().listHistory("nope", Optional.empty(), 2));
    }

    @Test
    void accountsAndKeysAreListedWithoutTheKeys() {
        useCases.issueApiKey().issue(account, Operator.ADMIN);
        ListAccountsResult.Listed accounts = assertInstanceOf(ListAccountsResult.Listed.class,
                reads.listAccounts().listAccounts(Optional.empty(), 50));
        assertEquals(account, accounts.page().items().getFirst().account().id());
        List<ApiKeySummary> keys = reads.listApiKeys().listKeys(account.value()).orElseThrow();
        assertEquals(1, keys.size());
        assertTrue(keys.getFirst().prefix().startsWith("gk_live_"));
        assertEquals(16, keys.getFirst().prefix().length(), "the prefix, not the key");
        assertEquals(Optional.empty(), reads.listApiKeys().listKeys("acc_nobody"));
    }

    @Test
    void theOverviewHasTwentyFourHoursWithTheSendsInTheirHourAndTheTopRefusals() {
        roomyInstance("shop-line");
        send("shop-line", "Your order #1 has shipped");
        ports.transport = m -> new hub.gateway.application.port.out.Transport.Delivery.Failed("500", "down");
        send("shop-line", "Your order #2 has shipped");
        send("shop-line", "Congratulations! You have won an iPhone. Claim your prize at bit.ly/win");

        Overview overview = reads.getOverview().overview();
        assertEquals(24, overview.hours().size());
        assertEquals(Instant.parse("2026-05-07T11:00:00Z"), overview.from());
        HourOfSends now = overview.hours().getLast();
        assertEquals(new HourOfSends(Instant.parse("2026-05-08T10:00:00Z"), 1, 1, 1, 0), now);
        assertTrue(overview.hours().subList(0, 23).stream().allMatch(h -> h.sent() + h.failed() + h.refused() + h.unknown() == 0));
        assertEquals(List.of(new RefusalCount(RefusalReason.POLICY_VIOLATION, 1)), overview.topRefusals());
        assertEquals(0, overview.optOuts());
    }

    private void roomyInstance(String id) {
        useCases.createInstance().create(new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()),
                Input.text(id), Input.text("Line " + id), Input.text("scale"), Input.MISSING, Input.MISSING), Operator.ADMIN);
        useCases.updateInstance().update(new UpdateInstanceUseCase.UpdateInstanceCommand(id, Input.MISSING,
                new Input.Number(BigDecimal.valueOf(1000)), Input.MISSING, new Input.Number(BigDecimal.valueOf(1000)),
                Input.MISSING, Input.MISSING), Operator.ADMIN);
    }

    private SendMessageResult send(String instance, String text) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text(instance), Input.text("+966501234567"),
                Input.text(text), Input.text("transactional"), clock.instant().plusSeconds(5)));
    }

    /** A cursor the instance search gave out: the review list does not take it. */
    private String cursorOfAnotherList() {
        roomyInstance("zz-extra-1");
        roomyInstance("zz-extra-2");
        return assertInstanceOf(SearchInstancesResult.Listed.class,
                reads.searchInstances().search(Optional.empty(), Optional.empty(), 1)).page().nextCursor().orElseThrow();
    }

    private static <T> Page<T> listed(ListPausedInstancesResult result) {
        @SuppressWarnings("unchecked")
        Page<T> page = (Page<T>) assertInstanceOf(ListPausedInstancesResult.Listed.class, result).page();
        return page;
    }

    private static PausedInstance single(Page<PausedInstance> page) {
        assertEquals(1, page.items().size(), page.toString());
        return page.items().getFirst();
    }

    private static List<String> ids(Page<PausedInstance> page) {
        return page.items().stream().map(p -> p.instance().id().value()).toList();
    }
}
