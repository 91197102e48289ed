package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.send.Refusal;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.util.List;

/** Renders every error answer in the seed's one shape: {@code success, error, message, details{action, risk_score}}. */
final class ErrorAnswers {
    /**
     * Every 503 carries {@code Retry-After} (contract §10). While the database is away the persistence adapter
     * probes it every half second, so a recovery is seen about a second after it happens; two seconds brings a
     * client back soon after that, and keeps a client that honours it from knocking more than once between two
     * probes. A 503 costs the gateway no database work, so a client that retries sooner does no harm.
     */
    static final String UNAVAILABLE_RETRY_AFTER_SECONDS = "2";

    private ErrorAnswers() {
    }

    /**
     * A refusal of a use case, as the seed and the contract answer it. The one exhaustive switch from the domain's
     * refusals to the catalogue: a new kind of refusal fails to compile until the edge knows its row and details.
     * The row gives code, status, text, action and score; the cases whose score depends on the refusal's facts
     * set it here, explicitly.
     */
    static Answer refusal(Refusal refusal) {
        return switch (refusal) {
            case Refusal.PurposeRequired ignored -> of(ErrorCatalog.MESSAGE_PURPOSE_REQUIRED);
            case Refusal.PurposeNotAllowed notAllowed -> {
                JsonArrayBuilder allowed = JSON.createArrayBuilder();
                notAllowed.allowedPurposes().forEach(allowed::add);
                // A purpose the gateway refuses by name (marketing…) scores the seed's 100; one it does not know, 60.
                ErrorCatalog row = ErrorCatalog.MESSAGE_PURPOSE_NOT_ALLOWED;
                yield of(row, details(row.action(), notAllowed.knownDisallowed() ? row.riskScore() : 60)
                        .add("allowed_purposes", allowed));
            }
            case Refusal.InvalidFields invalid -> validation(invalid.fields());
            case Refusal.UnknownInstance ignored -> of(ErrorCatalog.INVALID_INSTANCE);
            case Refusal.RecipientSuppressed ignored -> of(ErrorCatalog.RECIPIENT_SUPPRESSED);
            case Refusal.WindowClosed ignored -> of(ErrorCatalog.TEMPLATE_REQUIRED);
            // The score is the assessment's, not the seed example's. The seed's example has only action and
            // risk_score; the signals tell the client which content or behaviour to change.
            case Refusal.PolicyViolation violation -> of(ErrorCatalog.POLICY_VIOLATION,
                    details(ErrorCatalog.POLICY_VIOLATION.action(), violation.score())
                            .add("signals", Representations.signals(violation.signals())));
            case Refusal.InstancePaused ignored -> of(ErrorCatalog.INSTANCE_PAUSED_FOR_REVIEW);
            // The three limits' answers reached the quota step: they carry the rate-limit headers (contract §11).
            case Refusal.SendingThrottled throttled -> RateLimitHeaders.on(retryAfter(of(ErrorCatalog.SENDING_THROTTLED,
                    details(ErrorCatalog.SENDING_THROTTLED).add("limit", throttled.limit()).add("used", throttled.used())
                            .add("retry_after_seconds", seconds(throttled.retryAfter()))), throttled.retryAfter()),
                    throttled.quota());
            case Refusal.DailyLimitReached daily -> RateLimitHeaders.on(retryAfter(of(ErrorCatalog.DAILY_MESSAGE_LIMIT_EXCEEDED,
                    details(ErrorCatalog.DAILY_MESSAGE_LIMIT_EXCEEDED).add("limit", daily.limit()).add("used", daily.used())),
                    daily.retryAfter()), daily.quota());
            case Refusal.MonthlyLimitReached monthly -> RateLimitHeaders.on(retryAfter(of(ErrorCatalog.MONTHLY_MESSAGE_LIMIT_EXCEEDED,
                    details(ErrorCatalog.MONTHLY_MESSAGE_LIMIT_EXCEEDED).add("limit", monthly.limit()).add("used", monthly.used())),
                    monthly.retryAfter()), monthly.quota());
            // Retry-After comes with every 503 (see of).
            case Refusal.DeadlinePassed ignored -> of(ErrorCatalog.SERVICE_UNAVAILABLE);
            case Refusal.DeliveryFailed failed -> of(ErrorCatalog.GATEWAY_SEND_FAILED,
                    details(ErrorCatalog.GATEWAY_SEND_FAILED)
                            .add("log_id", failed.logId())
                            .add("transport_error", transportError(failed.transportCode(), failed.transportTitle())));
        };
    }

    /**
     * A send that failed at the transport, answered from its log row alone (a retry of an unanswered
     * Idempotency-Key): the transport's own error is not kept, so only the log id is given.
     */
    static Answer deliveryFailed(long logId) {
        return of(ErrorCatalog.GATEWAY_SEND_FAILED, details(ErrorCatalog.GATEWAY_SEND_FAILED).add("log_id", logId));
    }

    /**
     * A send whose fate nobody knows (its log row is {@code unknown}), answered from its log row alone (a retry of an
     * unanswered Idempotency-Key): it may have gone out, so its quota stays counted and the client should look at the
     * log row before sending again with a new key.
     */
    static Answer deliveryUnknown(long logId) {
        return of(ErrorCatalog.GATEWAY_SEND_FAILED, unknownDetails(logId));
    }

    /**
     * The same answer as the transport gave it (contract §13): the send may have reached the provider, and what went
     * wrong is said in the same {@code transport_error} shape as a failed send's.
     */
    static Answer deliveryUnknown(long logId, String transportCode, String transportTitle) {
        return of(ErrorCatalog.GATEWAY_SEND_FAILED, unknownDetails(logId)
                .add("transport_error", transportError(transportCode, transportTitle)));
    }

    private static JsonObjectBuilder unknownDetails(long logId) {
        return details(ErrorCatalog.GATEWAY_SEND_FAILED)
                .add("log_id", logId)
                .add("delivery", "unknown");
    }

    private static JsonObjectBuilder transportError(String code, String title) {
        return JSON.createObjectBuilder().add("code", code).add("title", title);
    }

    /** The error with its row's action and score and nothing more. */
    static Answer of(ErrorCatalog error) {
        return of(error, details(error));
    }

    /** 413 with the endpoint's bound, so that the sender knows what would have been accepted. */
    static Answer tooLarge(int maxBytes) {
        return of(ErrorCatalog.PAYLOAD_TOO_LARGE, details(ErrorCatalog.PAYLOAD_TOO_LARGE).add("max_bytes", maxBytes));
    }

    static Answer validation(List<FieldError> fields) {
        return of(ErrorCatalog.VALIDATION_ERROR, details(ErrorCatalog.VALIDATION_ERROR).add("fields", fields(fields)));
    }

    static Answer of(ErrorCatalog error, JsonObjectBuilder details) {
        Answer answer = Answer.json(error.status(), body(error, details));
        if (error.status() == Status.SERVICE_UNAVAILABLE_503.code()) {
            answer = answer.withHeader(HeaderNames.RETRY_AFTER.defaultCase(), UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        return answer;
    }

    static JsonObject body(ErrorCatalog error, JsonObjectBuilder details) {
        return JSON.createObjectBuilder()
                .add("success", false)
                .add("error", error.code())
                .add("message", error.message())
                .add("details", details)
                .build();
    }

    /** The row's own action and score. */
    static JsonObjectBuilder details(ErrorCatalog error) {
        return details(error.action(), error.riskScore());
    }

    private static JsonObjectBuilder details(RiskAction action, int riskScore) {
        return JSON.createObjectBuilder().add("action", action.wireName()).add("risk_score", riskScore);
    }

    private static Answer retryAfter(Answer answer, Duration retryAfter) {
        return answer.withHeader(HeaderNames.RETRY_AFTER.defaultCase(), String.valueOf(seconds(retryAfter)));
    }

    /** Whole seconds, rounded up, never below one: a client is never invited back too early. */
    static long seconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static JsonArrayBuilder fields(List<FieldError> fields) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        fields.forEach(f -> array.add(JSON.createObjectBuilder().add("field", f.field()).add("reason", f.reason())));
        return array;
    }
}
