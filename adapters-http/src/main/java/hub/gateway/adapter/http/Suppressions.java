package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientResult;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.send.Refusal;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * The answers to blocking and lifting, shared by the client and the operator API. They differ only in how
 * an unknown instance is told: {@code invalid_instance} to a client (contract §2), {@code not_found} to an
 * operator, like every other admin call.
 */
final class Suppressions {
    private Suppressions() {
    }

    /** 201 for a new block, 200 for one that was already there: a retried POST is not an error. */
    static Answer answerBlock(BlockRecipientResult result, ErrorCatalog unknownInstance) {
        return switch (result) {
            case BlockRecipientResult.Blocked blocked ->
                    Answer.json(Status.CREATED_201.code(), Representations.suppression(blocked.suppression()).build());
            case BlockRecipientResult.AlreadyBlocked existing ->
                    Answer.ok(Representations.suppression(existing.suppression()).build());
            case BlockRecipientResult.UnknownInstance ignored -> ErrorAnswers.of(unknownInstance);
            case BlockRecipientResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        };
    }

    static Answer answerLift(LiftSuppressionResult result, String instanceId, String phone, ErrorCatalog unknownInstance) {
        return switch (result) {
            case LiftSuppressionResult.Lifted ignored -> Answer.ok(JSON.createObjectBuilder()
                    .add("instance_id", instanceId)
                    // The use case accepted the number, so it parses; the answer names it as it is stored.
                    .add("phone", PhoneNumber.parse(phone).map(PhoneNumber::e164).orElse(phone))
                    .add("lifted", true)
                    .build());
            // A recipient's own opt-out (or someone else's block) stays: the seed's refusal, same details as on a send.
            case LiftSuppressionResult.NotYours ignored -> ErrorAnswers.refusal(new Refusal.RecipientSuppressed());
            case LiftSuppressionResult.NotSuppressed ignored -> ErrorAnswers.of(ErrorCatalog.NOT_FOUND);
            case LiftSuppressionResult.UnknownInstance ignored -> ErrorAnswers.of(unknownInstance);
            case LiftSuppressionResult.Invalid invalid -> ErrorAnswers.validation(invalid.fields());
        };
    }

    /**
     * The {@code {phone}} path segment, percent-decoded ({@code %2B} is a plus). Helidon decodes paths as
     * paths, not as form data, so a literal {@code +} stays a plus (pinned by a test, since a form decoder
     * would turn it into a space and lose the number's international prefix).
     */
    static String phoneParameter(ServerRequest req) {
        return req.path().pathParameters().get("phone");
    }
}
