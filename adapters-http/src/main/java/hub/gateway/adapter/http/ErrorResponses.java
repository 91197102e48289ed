package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.domain.FieldError;
import hub.gateway.domain.Refusal;
import hub.gateway.domain.RiskAction;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Duration;
import java.util.List;

/**
 * Builds and writes every error body in the seed's one shape: {@code success, error, message, details}. Each
 * writer returns the text it sent.
 */
final class ErrorResponses {
    /**
     * Every 503 carries {@code Retry-After} (contract §10). While the database is away the persistence adapter
     * probes it every half second, so a recovery is seen about a second after it happens; two seconds brings a
     * client back soon after that, and keeps a client that honours it from knocking more than once between two
     * probes. A 503 costs the gateway no database work, so a client that retries sooner does no harm.
     */
    static final String UNAVAILABLE_RETRY_AFTER_SECONDS = "2";

    private ErrorResponses() {
    }

    /** A refusal of the send use case, with the details the seed and the contract ask for. */
    static String refusal(ServerResponse res, Refusal refusal) {
        JsonObjectBuilder details = baseDetails(refusal.action(), refusal.riskScore());
        Duration retryAfter = null;
        // One exhaustive switch: a new kind of refusal fails to compile until the edge knows its details.
        switch (refusal) {
            case Refusal.PurposeRequired ignored -> {
            }
            case Refusal.PurposeNotAllowed notAllowed -> {
                JsonArrayBuilder allowed = JSON.createArrayBuilder();
                notAllowed.allowedPurposes().forEach(allowed::add);
                details.add("allowed_purposes", allowed);
            }
            case Refusal.InvalidFields invalid -> details.add("fields", fields(invalid.fields()));
            case Refusal.UnknownInstance ignored -> {
            }
            case Refusal.RecipientSuppressed ignored -> {
            }
            // The seed's example has only action and risk_score; the signals tell the client which content
            // or behaviour to change, so a refusal is something to act on rather than a mystery.
            case Refusal.PolicyViolation violation -> details.add("signals", Representations.signals(violation.signals()));
            case Refusal.InstancePaused ignored -> {
            }
            case Refusal.SendingThrottled throttled -> {
                details.add("limit", throttled.limit()).add("used", throttled.used())
                        .add("retry_after_seconds", seconds(throttled.retryAfter()));
                retryAfter = throttled.retryAfter();
            }
            case Refusal.DailyLimitReached daily -> {
                details.add("limit", daily.limit()).add("used", daily.used());
                retryAfter = daily.retryAfter();
            }
            case Refusal.MonthlyLimitReached monthly -> {
                details.add("limit", monthly.limit()).add("used", monthly.used());
                retryAfter = monthly.retryAfter();
            }
            // Retry-After comes with every 503 (see send).
            case Refusal.DeadlinePassed ignored -> {
            }
            case Refusal.DeliveryFailed failed -> details
                    .add("log_id", failed.logId())
                    .add("transport_error", JSON.createObjectBuilder()
                            .add("code", failed.transportCode())
                            .add("title", failed.transportTitle()));
        }
        if (retryAfter != null) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds(retryAfter)));
        }
        return send(res, ErrorCatalog.of(refusal.code()), details);
    }

    /**
     * A send that failed at the transport, answered from its log row alone (a retry of an unanswered
     * Idempotency-Key): the transport's own error is not kept, so only the log id is given.
     */
    static String deliveryFailed(ServerResponse res, long logId) {
        return send(res, ErrorCatalog.GATEWAY_SEND_FAILED, baseDetails(RiskAction.ALLOW, 0).add("log_id", logId));
    }

    /**
     * A send whose fate nobody knows (its log row is {@code unknown}): it may have gone out, so its quota stays
     * counted and the client should look at the log row before sending again with a new key.
     */
    static String deliveryUnknown(ServerResponse res, long logId) {
        return send(res, ErrorCatalog.GATEWAY_SEND_FAILED, baseDetails(RiskAction.ALLOW, 0)
                .add("log_id", logId)
                .add("delivery", "unknown"));
    }

    /** An error outside the seed's refusals: {@code action: block, risk_score: 0}. */
    static String send(ServerResponse res, ErrorCatalog error) {
        return send(res, error, baseDetails(RiskAction.BLOCK, 0));
    }

    /** 413 with the endpoint's bound, so that the sender knows what would have been accepted. */
    static String tooLarge(ServerResponse res, int maxBytes) {
        return send(res, ErrorCatalog.PAYLOAD_TOO_LARGE, baseDetails(RiskAction.BLOCK, 0).add("max_bytes", maxBytes));
    }

    static String validation(ServerResponse res, List<FieldError> fields) {
        return send(res, ErrorCatalog.VALIDATION_ERROR, baseDetails(RiskAction.BLOCK, 0).add("fields", fields(fields)));
    }

    static String send(ServerResponse res, ErrorCatalog error, JsonObjectBuilder details) {
        res.status(Status.create(error.status()));
        if (error.status() == Status.SERVICE_UNAVAILABLE_503.code()) {
            res.header(HeaderNames.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        return JsonResponses.send(res, body(error, details));
    }

    static JsonObject body(ErrorCatalog error, JsonObjectBuilder details) {
        return JSON.createObjectBuilder()
                .add("success", false)
                .add("error", error.code())
                .add("message", error.message())
                .add("details", details)
                .build();
    }

    static JsonObjectBuilder baseDetails(RiskAction action, int riskScore) {
        return JSON.createObjectBuilder().add("action", action.wireName()).add("risk_score", riskScore);
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
