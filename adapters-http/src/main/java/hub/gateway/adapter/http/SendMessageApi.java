package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase;
import hub.gateway.application.port.in.ClaimIdempotencyKeyUseCase.KeyClaim;
import hub.gateway.application.port.in.ReleaseIdempotencyKeyUseCase;
import hub.gateway.application.port.in.RememberAnswerUseCase;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.SendMessageUseCase;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.send.Refusal;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/send-message} (contract §3), behind the client guard, with its optional Idempotency-Key. */
final class SendMessageApi implements HttpService {
    /** The route's full pattern, as the access log and the metrics name it. */
    static final String ROUTE = "/api/send-message";
    private final ClientGuard guard;
    private final SendMessageUseCase sendMessage;
    private final ClaimIdempotencyKeyUseCase claimKey;
    private final RememberAnswerUseCase rememberAnswer;
    private final ReleaseIdempotencyKeyUseCase releaseKey;
    private final Duration requestDeadline;

    SendMessageApi(ClientGuard guard, SendMessageUseCase sendMessage, ClaimIdempotencyKeyUseCase claimKey,
                   RememberAnswerUseCase rememberAnswer, ReleaseIdempotencyKeyUseCase releaseKey,
                   Duration requestDeadline) {
        this.guard = guard;
        this.sendMessage = sendMessage;
        this.claimKey = claimKey;
        this.rememberAnswer = rememberAnswer;
        this.releaseKey = releaseKey;
        this.requestDeadline = requestDeadline;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/send-message", guard.then(this::send))
                .any("/send-message", Routes.methodNotAllowed("POST"));
    }

    /**
     * Contract §3: the key, then the body, then everything else is the use case's, in its own order. With an
     * Idempotency-Key, the key's first answer is claimed right after the API key (a body refused with 415 or 413
     * cannot be hashed and is answered without claiming: nothing is sent).
     */
    private Answer send(ServerRequest req, AccountId account) {
        Answer answer = sendOrRefuse(req, account);
        // Every 200 of this route is a send that went out (a replay of one included); an error's outcome is its code.
        if (answer.status() == Status.OK_200.code()) {
            AccessFacts.of(req).outcome("sent");
        }
        return answer;
    }

    private Answer sendOrRefuse(ServerRequest req, AccountId account) {
        // From the guard's arrival: the client's clock started before the key's look-up and the body.
        Instant deadline = ClientGuard.client(req).arrived().plus(requestDeadline);
        Optional<String> idempotencyKey = IdempotencyKeyHeader.from(req);
        if (idempotencyKey.isPresent() && !IdempotencyKeyHeader.isValid(idempotencyKey.get())) {
            return ErrorAnswers.validation(List.of(IdempotencyKeyHeader.INVALID));
        }
        byte[] bytes;
        switch (JsonBodies.bytes(req)) {
            case JsonBodies.Raw.Read read -> bytes = read.bytes();
            case JsonBodies.Raw.Rejected rejected -> {
                return JsonBodies.reject(rejected.error());
            }
        }
        if (idempotencyKey.isEmpty()) {
            return JsonBodies.parseObject(bytes)
                    .map(body -> command(account, body, deadline))
                    .map(command -> answer(noted(req, command, sendMessage.send(command))))
                    .orElseGet(() -> ErrorAnswers.of(ErrorCatalog.INVALID_JSON));
        }
        return sendOnce(req, account, idempotencyKey.get(), bytes, deadline);
    }

    /**
     * The first answer to the key is the answer, whatever it was (a 429 included). Only an exception from the
     * use case releases the key for a retry (unless its send was reserved and may have gone out: the port keeps
     * that claim), and so does a 503 for a passed deadline (nothing was sent); once the use case has answered
     * otherwise, the claim is never released. A claim whose answer was never stored (its node died) answers a
     * retry from the log row its send reserved, or, when nothing was reserved, is taken over after five minutes.
     * The answer is stored before it is written, exactly as it will be written (status and body), so that a retry
     * after the answer always gets it replayed.
     */
    private Answer sendOnce(ServerRequest req, AccountId account, String key, byte[] bytes, Instant deadline) {
        return switch (claimKey.claim(account, key, IdempotencyKeyHeader.requestHash(bytes))) {
            case KeyClaim.Replay replay -> replayed(replay);
            case KeyClaim.InProgress ignored -> ErrorAnswers.of(ErrorCatalog.IDEMPOTENCY_KEY_IN_PROGRESS);
            case KeyClaim.Reused ignored -> ErrorAnswers.of(ErrorCatalog.IDEMPOTENCY_KEY_REUSED);
            // The first attempt's node died before answering: its outcome, from its log row; nothing is sent again.
            // No rate-limit headers: this request reached no quota step, and the first attempt's were never stored.
            case KeyClaim.AlreadySent sent -> sent(sent.messageId(), sent.logId());
            case KeyClaim.AlreadyFailed failed -> ErrorAnswers.deliveryFailed(failed.logId());
            case KeyClaim.OutcomeUnknown unknown -> ErrorAnswers.deliveryUnknown(unknown.logId());
            case KeyClaim.Claimed ignored -> {
                Optional<SendMessageResult> result;
                try {
                    result = JsonBodies.parseObject(bytes)
                            .map(body -> command(account, body, deadline).withIdempotencyKey(key))
                            .map(command -> noted(req, command, sendMessage.send(command)));
                } catch (RuntimeException | Error e) {
                    releaseKey.release(account, key);
                    throw e;
                }
                Answer answer = result.map(SendMessageApi::answer).orElseGet(() -> ErrorAnswers.of(ErrorCatalog.INVALID_JSON));
                if (result.isPresent() && isDeadlinePassed(result.get())) {
                    // Nothing was sent: a retry with the key may send, so this 503 is not the key's answer.
                    releaseKey.release(account, key);
                    yield answer;
                }
                // Stored before it is written: a client holding the answer can always have it replayed.
                rememberAnswer.remember(account, key, answer.status(), answer.headers(), answer.bodyText());
                yield answer;
            }
        };
    }

    /**
     * The stored answer as it was written. An answer stored before its headers were kept has none: it was JSON,
     * as every answer of the send is.
     */
    private static Answer replayed(KeyClaim.Replay replay) {
        Answer answer = Answer.json(replay.status(), replay.body());
        for (Map.Entry<String, String> header : replay.headers().entrySet()) {
            answer = answer.withHeader(header.getKey(), header.getValue());
        }
        return answer;
    }

    /**
     * Names the send's instance on the access line once the use case has found it to be the client's: a refusal
     * before that step (fields, purpose, an instance that is not the client's) leaves it out.
     */
    private static SendMessageResult noted(ServerRequest req, SendMessageCommand command, SendMessageResult result) {
        boolean instanceSeen = switch (result) {
            case SendMessageResult.Sent ignored -> true;
            case SendMessageResult.DeliveryUnknown ignored -> true;
            case SendMessageResult.Refused refused -> switch (refused.refusal()) {
                case Refusal.PurposeRequired ignored -> false;
                case Refusal.PurposeNotAllowed ignored -> false;
                case Refusal.InvalidFields ignored -> false;
                case Refusal.UnknownInstance ignored -> false;
                case Refusal.RecipientSuppressed ignored -> true;
                case Refusal.WindowClosed ignored -> true;
                case Refusal.PolicyViolation ignored -> true;
                case Refusal.InstancePaused ignored -> true;
                case Refusal.SendingThrottled ignored -> true;
                case Refusal.DailyLimitReached ignored -> true;
                case Refusal.MonthlyLimitReached ignored -> true;
                case Refusal.DeadlinePassed ignored -> true;
                case Refusal.DeliveryFailed ignored -> true;
            };
        };
        if (instanceSeen) {
            command.instanceId().nonBlankText().ifPresent(AccessFacts.of(req)::instanceId);
        }
        return result;
    }

    private static boolean isDeadlinePassed(SendMessageResult result) {
        return result instanceof SendMessageResult.Refused refused && refused.refusal() instanceof Refusal.DeadlinePassed;
    }

    private static SendMessageCommand command(AccountId account, JsonObject body, Instant deadline) {
        return new SendMessageCommand(account,
                JsonBodies.field(body, "instance_id"),
                JsonBodies.field(body, "phone"),
                JsonBodies.field(body, "message"),
                JsonBodies.field(body, "message_purpose"),
                deadline).withTemplate(JsonBodies.field(body, "template"));
    }

    private static Answer answer(SendMessageResult result) {
        return switch (result) {
            case SendMessageResult.Sent sent -> RateLimitHeaders.on(sent(sent.messageId(), sent.logId()), sent.quota());
            case SendMessageResult.Refused refused -> ErrorAnswers.refusal(refused.refusal());
            // The send stays counted, so it carries the rate-limit headers a sent one does.
            case SendMessageResult.DeliveryUnknown unknown -> RateLimitHeaders.on(
                    ErrorAnswers.deliveryUnknown(unknown.logId(), unknown.transportCode(), unknown.transportTitle()),
                    unknown.quota());
        };
    }

    private static Answer sent(String messageId, long logId) {
        return Answer.ok(JSON.createObjectBuilder()
                .add("success", true)
                .add("status", "sent")
                .add("message_id", messageId)
                .add("log_id", logId)
                .build());
    }
}
