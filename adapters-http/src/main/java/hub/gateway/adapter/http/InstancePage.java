package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.Feedback;
import hub.gateway.adapter.http.console.JteinstanceGenerated;
import hub.gateway.application.port.in.BlockRecipientUseCase;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientResult;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusResult;
import hub.gateway.application.port.in.GetInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.LiftSuppressionUseCase;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase;
import hub.gateway.application.port.in.ListInstanceMessagesUseCase.ListInstanceMessagesResult;
import hub.gateway.application.port.in.ListRiskEventsUseCase;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.ListSuppressionHistoryResult;
import hub.gateway.application.port.in.ListTemplatesUseCase;
import hub.gateway.application.port.in.ListWebhookDeliveriesUseCase;
import hub.gateway.application.port.in.Page;
import hub.gateway.application.port.in.ReplayWebhookEventUseCase;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceCommand;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceResult;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.quota.Plan;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /console/instances/{id}}: one instance as an operator reviews it, and the changes {@code /admin} offers on
 * it, each through the same use case (so each is audited with the operator): limits and plan, pause and resume
 * (with a required note, as on the Review page), block and lift, replay of a dead webhook event. A change that goes
 * through is answered with a redirect back here and a notice; a refused one with the page again, the reason beside
 * its form (422). The lists are paged by the cursors their use cases give out; the templates are read, not changed
 * (that is {@code /admin/instances/{id}/templates}).
 */
final class InstancePage implements HttpService {
    static final int RISK_EVENTS = 20;
    static final int DELIVERIES = 20;
    static final int SUPPRESSIONS = 20;
    static final int MESSAGES = 20;
    private static final List<String> PLANS = Arrays.stream(Plan.values()).map(Plan::wireName).toList();
    private static final String NOTE_REQUIRED = "A note is required: say why.";
    /** The notices a redirect may ask for, by the word in its query: nothing a URL says is shown as it is. */
    private static final Map<String, String> NOTICES = Map.of(
            "saved", "The plan and limits were saved.",
            "paused", "Paused for review.",
            "resumed", "Resumed.",
            "blocked", "The recipient is blocked.",
            "lifted", "The block is lifted.",
            "replayed", "The event is back in line for delivery.");

    private final GetInstanceUseCase getInstance;
    private final UpdateInstanceUseCase updateInstance;
    private final ChangeInstanceStatusUseCase changeStatus;
    private final ListRiskEventsUseCase listRiskEvents;
    private final ListSuppressionHistoryUseCase listSuppressions;
    private final BlockRecipientUseCase blockRecipient;
    private final LiftSuppressionUseCase liftSuppression;
    private final ListWebhookDeliveriesUseCase listDeliveries;
    private final ReplayWebhookEventUseCase replayEvent;
    private final ListInstanceMessagesUseCase listMessages;
    private final ListTemplatesUseCase listTemplates;

    InstancePage(GetInstanceUseCase getInstance, UpdateInstanceUseCase updateInstance,
                 ChangeInstanceStatusUseCase changeStatus, ListRiskEventsUseCase listRiskEvents,
                 ListSuppressionHistoryUseCase listSuppressions, BlockRecipientUseCase blockRecipient,
                 LiftSuppressionUseCase liftSuppression, ListWebhookDeliveriesUseCase listDeliveries,
                 ReplayWebhookEventUseCase replayEvent, ListInstanceMessagesUseCase listMessages,
                 ListTemplatesUseCase listTemplates) {
        this.getInstance = getInstance;
        this.updateInstance = updateInstance;
        this.changeStatus = changeStatus;
        this.listRiskEvents = listRiskEvents;
        this.listSuppressions = listSuppressions;
        this.blockRecipient = blockRecipient;
        this.liftSuppression = liftSuppression;
        this.listDeliveries = listDeliveries;
        this.replayEvent = replayEvent;
        this.listMessages = listMessages;
        this.listTemplates = listTemplates;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/instances/{id}", Answer.handler(req -> page(req, Feedback.notice(
                        QueryInputs.text(req, "done").map(NOTICES::get)), Status.OK_200.code())))
                .any("/instances/{id}", ConsoleHtml.methodNotAllowed("GET"))
                .post("/instances/{id}/limits", Answer.handler(this::limits))
                .post("/instances/{id}/pause", Answer.handler(req -> status(req, InstanceStatus.PAUSED_FOR_REVIEW)))
                .post("/instances/{id}/resume", Answer.handler(req -> status(req, InstanceStatus.ACTIVE)))
                .post("/instances/{id}/suppressions/block", Answer.handler(this::block))
                .post("/instances/{id}/suppressions/lift", Answer.handler(this::lift))
                .post("/instances/{id}/webhook-deliveries/{event_id}/replay", Answer.handler(this::replay));
        for (String change : List.of("/limits", "/pause", "/resume", "/suppressions/block", "/suppressions/lift",
                "/webhook-deliveries/{event_id}/replay")) {
            rules.any("/instances/{id}" + change, ConsoleHtml.methodNotAllowed("POST"));
        }
    }

    private Answer limits(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        return switch (updateInstance.update(new UpdateInstanceCommand(id(req), Input.text(visit.field("plan")),
                limit(visit.field("daily_limit")), limit(visit.field("monthly_limit")),
                limit(visit.field("per_minute_limit")), Input.MISSING, Input.MISSING), visit.operator())) {
            case UpdateInstanceResult.Updated ignored -> back(req, "saved");
            case UpdateInstanceResult.UnknownInstance ignored -> unknown(req);
            case UpdateInstanceResult.Invalid invalid -> refused(req, "limits", sentences(invalid.fields()),
                    "plan", "daily_limit", "monthly_limit", "per_minute_limit");
        };
    }

    /** A form's text as the JSON API would carry it: empty is null (the plan's figure), digits a number. */
    static Input limit(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return Input.NULL;
        }
        return text.matches("[0-9]{1,12}") ? new Input.Number(new BigDecimal(text)) : Input.text(text);
    }

    private Answer status(ServerRequest req, InstanceStatus status) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        String note = visit.field("note");
        if (note.isBlank()) {
            return refused(req, "status", NOTE_REQUIRED, "note");
        }
        return switch (changeStatus.changeStatus(new ChangeInstanceStatusCommand(id(req), status, Input.text(note)),
                visit.operator())) {
            case ChangeInstanceStatusResult.Done ignored ->
                    back(req, status == InstanceStatus.ACTIVE ? "resumed" : "paused");
            case ChangeInstanceStatusResult.UnknownInstance ignored -> unknown(req);
            case ChangeInstanceStatusResult.Invalid invalid -> refused(req, "status", sentences(invalid.fields()), "note");
        };
    }

    private Answer block(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        return switch (blockRecipient.block(BlockRecipientCommand.byOperator(visit.operator(), Input.text(id(req)),
                Input.text(visit.field("phone").strip())))) {
            case BlockRecipientResult.Blocked ignored -> back(req, "blocked");
            case BlockRecipientResult.AlreadyBlocked ignored -> back(req, "blocked");
            case BlockRecipientResult.UnknownInstance ignored -> unknown(req);
            case BlockRecipientResult.Invalid invalid -> refused(req, "block", sentences(invalid.fields()), "phone");
        };
    }

    private Answer lift(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        return switch (liftSuppression.lift(LiftSuppressionCommand.byOperator(visit.operator(), id(req),
                visit.field("phone")))) {
            case LiftSuppressionResult.Lifted ignored -> back(req, "lifted");
            case LiftSuppressionResult.NotYours ignored -> refused(req, "lift",
                    "That is the recipient's own opt-out: only the recipient can lift it.");
            case LiftSuppressionResult.NotSuppressed ignored -> refused(req, "lift", "That recipient is not suppressed.");
            case LiftSuppressionResult.UnknownInstance ignored -> unknown(req);
            case LiftSuppressionResult.Invalid invalid -> refused(req, "lift", sentences(invalid.fields()));
        };
    }

    private Answer replay(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        Optional<Long> eventId = WholeNumbers.positiveLong(req.path().pathParameters().get("event_id"));
        if (eventId.isPresent() && replayEvent.replay(id(req), eventId.get(), visit.operator())) {
            return back(req, "replayed");
        }
        return refused(req, "replay", "This instance has no dead event with that id: only a dead event is replayed.");
    }

    /** The page again with the refusal beside the form and, for the named fields, what was typed. */
    private Answer refused(ServerRequest req, String form, String reason, String... keptFields) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        Map<String, String> typed = Arrays.stream(keptFields).collect(Collectors.toMap(f -> f, visit::field));
        return page(req, Feedback.refused(form, reason, typed), Status.UNPROCESSABLE_CONTENT_422.code());
    }

    private Answer page(ServerRequest req, Feedback feedback, int status) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        String id = id(req);
        Optional<InstanceReport> report = getInstance.get(id);
        if (report.isEmpty()) {
            return unknown(req);
        }
        String base = ConsoleHtml.PREFIX + "/instances/" + InstanceListPage.encode(id);
        Optional<String> suppressionsCursor = req.prologue().method().text().equals("GET")
                ? QueryInputs.text(req, "suppressions") : Optional.empty();
        Optional<String> messagesCursor = req.prologue().method().text().equals("GET")
                ? QueryInputs.text(req, "messages") : Optional.empty();
        Page<ListSuppressionHistoryUseCase.SuppressionEntry> suppressions;
        switch (listSuppressions.listHistory(id, suppressionsCursor, SUPPRESSIONS)) {
            case ListSuppressionHistoryResult.Listed listed -> suppressions = listed.page();
            case ListSuppressionHistoryResult.UnknownInstance ignored -> {
                return unknown(req);
            }
            case ListSuppressionHistoryResult.Invalid invalid -> {
                return badCursor(req, invalid.fields());
            }
        }
        Page<hub.gateway.domain.message.MessageRecord> messages;
        switch (listMessages.listMessages(id, messagesCursor, MESSAGES)) {
            case ListInstanceMessagesResult.Listed listed -> messages = listed.page();
            case ListInstanceMessagesResult.UnknownInstance ignored -> {
                return unknown(req);
            }
            case ListInstanceMessagesResult.Invalid invalid -> {
                return badCursor(req, invalid.fields());
            }
        }
        Page<ListSuppressionHistoryUseCase.SuppressionEntry> shownSuppressions = suppressions;
        Page<hub.gateway.domain.message.MessageRecord> shownMessages = messages;
        return ConsoleHtml.page(status, out -> JteinstanceGenerated.render(out, null,
                visit.frame(report.get().instance().name(), "/instances"), report.get(), PLANS,
                listRiskEvents.list(id, RISK_EVENTS).orElse(List.of()),
                shownSuppressions, shownSuppressions.nextCursor()
                        .map(c -> base + "?suppressions=" + InstanceListPage.encode(c) + "#suppressions-heading").orElse(null),
                listDeliveries.list(id, DELIVERIES).orElse(List.of()),
                listTemplates.list(id).orElse(List.of()),
                shownMessages, shownMessages.nextCursor()
                        .map(c -> base + "?messages=" + InstanceListPage.encode(c) + "#messages-heading").orElse(null),
                feedback));
    }

    private Answer badCursor(ServerRequest req, List<FieldError> fields) {
        return ConsoleHtml.problem(Status.UNPROCESSABLE_CONTENT_422.code(), ConsoleVisit.of(req).frame("Instances", "/instances"),
                "No such list", sentences(fields));
    }

    private static Answer back(ServerRequest req, String done) {
        return ConsoleHtml.redirect(ConsoleHtml.PREFIX + "/instances/" + InstanceListPage.encode(id(req)) + "?done=" + done);
    }

    private static Answer unknown(ServerRequest req) {
        return ConsoleNotFound.page(req, "There is no instance " + id(req) + ".");
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    static String sentences(List<FieldError> fields) {
        return fields.stream().map(ReviewPage::sentence).collect(Collectors.joining(" "));
    }
}
