package hub.gateway.adapter.http;

import hub.gateway.adapter.http.console.JtereviewGenerated;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ListPausedInstancesUseCase;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.ListPausedInstancesResult;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.FieldError;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The console's landing page, Review (contract §12): the instances paused for review, the most recently paused
 * first, with the evidence that paused each (the pause's assessment and its signals), its recent refusals, and
 * Resume with a note. The list is {@code /admin/review}'s use case, the resume {@code /admin/instances/{id}/resume}'s:
 * it is audited with the operator and the note.
 * <p>
 * The note is required here (a reviewer says why an instance may send again); the browser's {@code required} is a
 * convenience, this page checks it itself. A refused resume shows the page again with the reason beside the
 * instance and the note as typed (422).
 */
final class ReviewPage implements HttpService {
    /** Instances per page: each carries up to ten assessments and ten refusals. */
    static final int PAGE_SIZE = 20;
    static final String NOTE_REQUIRED = "A note is required to resume: say why this instance may send again.";

    private final ListPausedInstancesUseCase listPaused;
    private final ChangeInstanceStatusUseCase changeStatus;

    ReviewPage(ListPausedInstancesUseCase listPaused, ChangeInstanceStatusUseCase changeStatus) {
        this.listPaused = listPaused;
        this.changeStatus = changeStatus;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", Answer.handler(req -> review(req, QueryInputs.text(req, "cursor"), Map.of(), Map.of(),
                        QueryInputs.text(req, "resumed").filter(InstanceId::isWellFormed).orElse(null))))
                .any("/", ConsoleHtml.methodNotAllowed("GET"))
                .post("/review/{id}/resume", Answer.handler(this::resume))
                .any("/review/{id}/resume", ConsoleHtml.methodNotAllowed("POST"));
    }

    private Answer resume(ServerRequest req) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        String id = req.path().pathParameters().get("id");
        String note = visit.field("note");
        if (note.isBlank()) {
            return again(req, id, note, NOTE_REQUIRED);
        }
        return switch (changeStatus.changeStatus(new ChangeInstanceStatusCommand(id, InstanceStatus.ACTIVE,
                Input.text(note)), visit.operator())) {
            case ChangeInstanceStatusResult.Done done -> ConsoleHtml.redirect(ConsoleHtml.PREFIX + "?resumed="
                    + URLEncoder.encode(done.report().instance().id().value(), StandardCharsets.UTF_8));
            case ChangeInstanceStatusResult.UnknownInstance ignored ->
                    ConsoleNotFound.page(req, "There is no instance " + id + ".");
            case ChangeInstanceStatusResult.Invalid invalid -> again(req, id, note, invalid.fields().stream()
                    .map(ReviewPage::sentence).collect(Collectors.joining(" ")));
        };
    }

    /** The first page again, the refusal beside the instance and its note as typed. */
    private Answer again(ServerRequest req, String id, String note, String error) {
        Answer page = review(req, Optional.empty(), Map.of(id, error), Map.of(id, note), null);
        return page.status() == Status.OK_200.code()
                ? new Answer(Status.UNPROCESSABLE_CONTENT_422.code(), page.headers(), page.body()) : page;
    }

    private Answer review(ServerRequest req, Optional<String> cursor, Map<String, String> errors,
                          Map<String, String> notes, String resumed) {
        ConsoleVisit visit = ConsoleVisit.of(req);
        return switch (listPaused.listPaused(cursor, PAGE_SIZE)) {
            case ListPausedInstancesResult.Listed listed -> ConsoleHtml.ok(out -> JtereviewGenerated.render(out, null,
                    visit.frame("Review", ""), listed.page(), resumed, errors, notes));
            case ListPausedInstancesResult.Invalid invalid -> ConsoleHtml.problem(
                    Status.UNPROCESSABLE_CONTENT_422.code(), visit.frame("Review", ""), "No such page",
                    "That page of the review list does not exist (" + invalid.fields().stream()
                            .map(ReviewPage::sentence).collect(Collectors.joining(" ")) + ")");
        };
    }

    static String sentence(FieldError error) {
        return "The " + error.field() + " " + error.reason() + ".";
    }
}
