package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.AuthenticateClientUseCase.ClientAuthentication;
import hub.gateway.application.port.in.GetUsageUseCase.GetUsageResult;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.IdempotentAnswersUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.application.port.in.ListSuppressionsUseCase.ListSuppressionsResult;
import hub.gateway.application.port.in.ListMessagesUseCase.ListMessagesQuery;
import hub.gateway.application.port.in.ListMessagesUseCase.ListMessagesResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.domain.AccountId;
import hub.gateway.domain.Refusal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The client API under {@code /api}, authenticated by API key. */
final class ClientApi implements HttpService {
    private final UseCases useCases;
    private final Duration requestDeadline;
    private final Clock clock;

    /** @param clock the use cases' clock: the deadline taken here is compared with it there */
    ClientApi(UseCases useCases, Duration requestDeadline, Clock clock) {
        this.useCases = useCases;
        this.requestDeadline = requestDeadline;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/send-message", this::send)
                .any("/send-message", Routes.methodNotAllowed("POST"))
                .get("/messages/{log_id}", this::message)
                .any("/messages/{log_id}", Routes.methodNotAllowed("GET"))
                .get("/messages", this::messages)
                .any("/messages", Routes.methodNotAllowed("GET"))
                .get("/usage", this::usage)
                .any("/usage", Routes.methodNotAllowed("GET"))
                .get("/suppressions", this::suppressions)
                .post("/suppressions", this::block)
                .any("/suppressions", Routes.methodNotAllowed("GET, POST"))
                .delete("/suppressions/{instance_id}/{phone}", this::lift)
                .any("/suppressions/{instance_id}/{phone}", Routes.methodNotAllowed("DELETE"));
    }

    /**
     * Contract §3: the key, then the body, then everything else is the use case's, in its own order. With an
     * Idempotency-Key, the key's first answer is claimed right after the API key (a body refused with 415 or 413
     * cannot be hashed and is answered without claiming: nothing is sent).
     */
    private void send(ServerRequest req, ServerResponse res) {
        // Taken before anything that may wait (the key's look-up, the body): the client's clock started then.
        Instant deadline = clock.instant().plus(requestDeadline);
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        Optional<String> idempotencyKey = IdempotencyKeyHeader.from(req);
        if (idempotencyKey.isPresent() && !IdempotencyKeyHeader.isValid(idempotencyKey.get())) {
            ErrorResponses.validation(res, List.of(IdempotencyKeyHeader.INVALID));
            return;
        }
        byte[] bytes;
        switch (JsonBodies.bytes(req)) {
            case JsonBodies.Raw.Read read -> bytes = read.bytes();
            case JsonBodies.Raw.Rejected rejected -> {
                JsonBodies.reject(res, rejected.error());
                return;
            }
        }
        if (idempotencyKey.isEmpty()) {
            answerSend(res, account.get(), bytes, deadline);
        } else {
            sendOnce(res, account.get(), idempotencyKey.get(), bytes, deadline);
        }
    }

    /**
     * The first answer to the key is the answer, whatever it was (a 429 included). Only an exception from the
     * use case releases the key for a retry (unless its send was reserved and may have gone out: the port keeps
     * that claim), and so does a 503 for a passed deadline (nothing was sent); once the use case has answered
     * otherwise, the claim is never released. A claim whose answer was never stored (its node died) answers a
     * retry from the log row its send reserved, or, when nothing was reserved, is taken over after five minutes.
     * The answer is stored before it is written, so that a retry after the answer always gets it replayed.
     */
    private void sendOnce(ServerResponse res, AccountId account, String key, byte[] bytes, Instant deadline) {
        IdempotentAnswersUseCase answers = useCases.idempotentAnswers();
        switch (answers.claim(account, key, IdempotencyKeyHeader.requestHash(bytes))) {
            case Claim.Replay replay -> {
                res.status(Status.create(replay.status()));
                JsonResponses.send(res, replay.body());
            }
            case Claim.InProgress ignored -> ErrorResponses.send(res, ErrorCatalog.IDEMPOTENCY_KEY_IN_PROGRESS);
            case Claim.Reused ignored -> ErrorResponses.send(res, ErrorCatalog.IDEMPOTENCY_KEY_REUSED);
            // The first attempt's node died before answering: its outcome, from its log row; nothing is sent again.
            case Claim.AlreadySent sent -> answer(res, new SendMessageResult.Sent(sent.messageId(), sent.logId()));
            case Claim.AlreadyFailed failed -> ErrorResponses.deliveryFailed(res, failed.logId());
            case Claim.OutcomeUnknown unknown -> ErrorResponses.deliveryUnknown(res, unknown.logId());
            case Claim.Claimed ignored -> {
                Optional<SendMessageResult> result;
                try {
                    result = JsonBodies.parseObject(bytes)
                            .map(body -> useCases.sendMessage().send(command(account, body, deadline).withIdempotencyKey(key)));
                } catch (RuntimeException | Error e) {
                    answers.release(account, key);
                    throw e;
                }
                if (result.isPresent() && isDeadlinePassed(result.get())) {
                    // Nothing was sent: a retry with the key may send, so this 503 is not the key's answer.
                    answers.release(account, key);
                    answer(res, result.get());
                    return;
                }
                // Stored before it is written: a client holding the answer can always have it replayed.
                JsonResponses.storingFirst(body -> answers.remember(account, key, res.status().code(), body), () -> {
                    if (result.isPresent()) {
                        answer(res, result.get());
                    } else {
                        ErrorResponses.send(res, ErrorCatalog.INVALID_JSON);
                    }
                });
            }
        }
    }

    private static boolean isDeadlinePassed(SendMessageResult result) {
        return result instanceof SendMessageResult.Refused refused && refused.refusal() instanceof Refusal.DeadlinePassed;
    }

    private void answerSend(ServerResponse res, AccountId account, byte[] bytes, Instant deadline) {
        Optional<JsonObject> body = JsonBodies.parseObject(bytes);
        if (body.isEmpty()) {
            ErrorResponses.send(res, ErrorCatalog.INVALID_JSON);
            return;
        }
        answer(res, useCases.sendMessage().send(command(account, body.get(), deadline)));
    }

    private static SendMessageCommand command(AccountId account, JsonObject body, Instant deadline) {
        return new SendMessageCommand(account,
                JsonBodies.field(body, "instance_id"),
                JsonBodies.field(body, "phone"),
                JsonBodies.field(body, "message"),
                JsonBodies.field(body, "message_purpose"),
                deadline);
    }

    /** Writes the answer to a send and returns the body it wrote. */
    private static String answer(ServerResponse res, SendMessageResult result) {
        return switch (result) {
            case SendMessageResult.Sent sent -> JsonResponses.send(res, JSON.createObjectBuilder()
                    .add("success", true)
                    .add("status", "sent")
                    .add("message_id", sent.messageId())
                    .add("log_id", sent.logId())
                    .build());
            case SendMessageResult.Refused refused -> ErrorResponses.refusal(res, refused.refusal());
        };
    }

    /** Another account's log row is answered exactly as a missing one. */
    private void message(ServerRequest req, ServerResponse res) {
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        Optional<Long> logId = WholeNumbers.positiveLong(req.path().pathParameters().get("log_id"));
        logId.flatMap(id -> useCases.getMessage().get(account.get(), id))
                .ifPresentOrElse(
                        record -> JsonResponses.send(res, Representations.message(record).build()),
                        () -> ErrorResponses.send(res, ErrorCatalog.NOT_FOUND));
    }

    private void messages(ServerRequest req, ServerResponse res) {
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        ListMessagesQuery query = new ListMessagesQuery(account.get(), queryInput(req, "instance_id"), queryInput(req, "limit"));
        switch (useCases.listMessages().list(query)) {
            case ListMessagesResult.Listed listed -> {
                JsonArrayBuilder messages = JSON.createArrayBuilder();
                listed.messages().forEach(m -> messages.add(Representations.message(m)));
                JsonResponses.send(res, JSON.createObjectBuilder().add("messages", messages).build());
            }
            case ListMessagesResult.UnknownInstance ignored -> ErrorResponses.send(res, ErrorCatalog.INVALID_INSTANCE);
            case ListMessagesResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    private void usage(ServerRequest req, ServerResponse res) {
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        switch (useCases.getUsage().usage(account.get(), queryInput(req, "instance_id"))) {
            case GetUsageResult.Found found -> JsonResponses.send(res, Representations.usage(found.report()).build());
            case GetUsageResult.UnknownInstance ignored -> ErrorResponses.send(res, ErrorCatalog.INVALID_INSTANCE);
            case GetUsageResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    private void suppressions(ServerRequest req, ServerResponse res) {
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        switch (useCases.listSuppressions().list(account.get(), queryInput(req, "instance_id"))) {
            case ListSuppressionsResult.Listed listed -> JsonResponses.send(res, JSON.createObjectBuilder()
                    .add("suppressions", Representations.suppressions(listed.suppressions()))
                    .build());
            case ListSuppressionsResult.UnknownInstance ignored -> ErrorResponses.send(res, ErrorCatalog.INVALID_INSTANCE);
            case ListSuppressionsResult.Invalid invalid -> ErrorResponses.validation(res, invalid.fields());
        }
    }

    /** Same order as the send: the key, then the body, then the use case. */
    private void block(ServerRequest req, ServerResponse res) {
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        Optional<JsonObject> body = JsonBodies.object(req, res);
        if (body.isEmpty()) {
            return;
        }
        BlockRecipientCommand command = new BlockRecipientCommand(account,
                JsonBodies.field(body.get(), "instance_id"), JsonBodies.field(body.get(), "phone"));
        Suppressions.answerBlock(res, useCases.blockRecipient().block(command), ErrorCatalog.INVALID_INSTANCE);
    }

    private void lift(ServerRequest req, ServerResponse res) {
        Optional<AccountId> account = authenticate(req, res);
        if (account.isEmpty()) {
            return;
        }
        String instanceId = req.path().pathParameters().get("instance_id");
        String phone = Suppressions.phoneParameter(req);
        LiftSuppressionResult result = useCases.liftSuppression().lift(new LiftSuppressionCommand(account, instanceId, phone));
        Suppressions.answerLift(res, result, instanceId, phone, ErrorCatalog.INVALID_INSTANCE);
    }

    /** Answers 401 itself when the caller is not a live key; the handler then stops. */
    private Optional<AccountId> authenticate(ServerRequest req, ServerResponse res) {
        Optional<String> token = BearerTokens.from(req.headers());
        if (token.isEmpty()) {
            ErrorResponses.send(res, ErrorCatalog.INVALID_API_KEY);
            return Optional.empty();
        }
        switch (useCases.authenticateClient().authenticate(token.get())) {
            case ClientAuthentication.Authenticated authenticated -> {
                return Optional.of(authenticated.accountId());
            }
            case ClientAuthentication.UnknownKey ignored -> ErrorResponses.send(res, ErrorCatalog.INVALID_API_KEY);
            case ClientAuthentication.RevokedKey ignored -> ErrorResponses.send(res, ErrorCatalog.REVOKED_API_KEY);
        }
        return Optional.empty();
    }

    /** A query parameter is text when present; absent is absent. The use case judges the rest. */
    private static Input queryInput(ServerRequest req, String name) {
        return req.query().contains(name) ? Input.text(req.query().get(name)) : Input.MISSING;
    }
}
