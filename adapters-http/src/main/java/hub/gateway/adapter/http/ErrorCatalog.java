package hub.gateway.adapter.http;

import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.send.RefusalReason;

/**
 * The one table of errors the edge answers with: wire code, HTTP status, message text, and the
 * {@code details.action} and {@code details.risk_score} every error body carries. The seed's rows carry the public
 * documentation's texts, actions and scores verbatim (ErrorCatalogSeedTest pins all five against the seed document);
 * rows outside the seed block with score 0. Where a refusal's score depends on its facts (a disallowed purpose
 * scores 100, an unknown one 60; a policy violation carries its assessment's score), the mapping of refusals says
 * so explicitly ({@code ErrorAnswers#refusal}).
 * <p>
 * Some rows are not the seed's: {@link #UNAUTHORIZED}, {@link #CONFLICT} and
 * {@link #NOT_A_SANDBOX_INSTANCE} belong to the admin API, {@link #WEBHOOK_SIGNATURE_INVALID} and
 * {@link #SUBSCRIPTION_FORBIDDEN} to the transport providers' webhooks,
 * which the seed does not describe, and {@link #BAD_REQUEST} covers requests so malformed that Helidon
 * refuses them before routing. Decision: the admin API uses its own {@code unauthorized} code rather than
 * {@code invalid_api_key}, because an admin token is not an API key and a client developer reading
 * {@code invalid_api_key} would go looking for the wrong credential.
 */
enum ErrorCatalog {
    INVALID_API_KEY("invalid_api_key", 401, "A valid API key is required.",
            RiskAction.BLOCK, 0),
    REVOKED_API_KEY("revoked_api_key", 401, "This API key has been revoked.",
            RiskAction.BLOCK, 0),
    INVALID_JSON("invalid_json", 400, "Request body must be valid JSON.",
            RiskAction.BLOCK, 0),
    VALIDATION_ERROR("validation_error", 422, "The request payload is missing required fields.",
            RiskAction.BLOCK, 0),
    INVALID_INSTANCE("invalid_instance", 404, "The requested instance was not found for this API key.",
            RiskAction.BLOCK, 0),
    MESSAGE_PURPOSE_REQUIRED("message_purpose_required", 422,
            "message_purpose is required. Allowed values are transactional, operational, support, internal_team, and authentication.",
            RiskAction.BLOCK, 0),
    MESSAGE_PURPOSE_NOT_ALLOWED("message_purpose_not_allowed", 422,
            "WhatsApp Gateway does not support marketing, cold outreach, political, or bulk campaign messaging.",
            RiskAction.BLOCK, 100),
    DAILY_MESSAGE_LIMIT_EXCEEDED("daily_message_limit_exceeded", 429,
            "Your daily transactional message limit has been reached. Please try again tomorrow or request a higher reviewed limit.",
            RiskAction.BLOCK, 90),
    MONTHLY_MESSAGE_LIMIT_EXCEEDED("monthly_message_limit_exceeded", 429,
            "Your monthly fair-use message limit has been reached. Please contact support for a reviewed higher limit.",
            RiskAction.BLOCK, 90),
    RECIPIENT_SUPPRESSED("recipient_suppressed", 403,
            "This recipient has opted out or has been blocked from non-essential messages.",
            RiskAction.BLOCK, 100),
    SENDING_THROTTLED("sending_throttled", 429,
            "Sending speed has been temporarily limited to protect gateway reliability and prevent bulk messaging.",
            RiskAction.THROTTLE, 65),
    INSTANCE_PAUSED_FOR_REVIEW("instance_paused_for_review", 423,
            "This instance has been paused for responsible messaging review.",
            RiskAction.PAUSE_INSTANCE, 100),
    POLICY_VIOLATION("policy_violation", 403,
            "This message appears to violate WhatsApp Gateway responsible messaging rules. Bulk marketing, spam, and cold outreach are not allowed.",
            RiskAction.BLOCK, 90),
    GATEWAY_SEND_FAILED("gateway_send_failed", 502,
            "The message passed responsible messaging checks, but delivery could not be completed. Please try again or contact support.",
            RiskAction.ALLOW, 0),

    // Not in the seed: same shape, our own texts.
    NOT_FOUND("not_found", 404, "The requested resource was not found.",
            RiskAction.BLOCK, 0),
    METHOD_NOT_ALLOWED("method_not_allowed", 405, "This HTTP method is not allowed on this resource.",
            RiskAction.BLOCK, 0),
    // One row for every endpoint's bound (64 KiB for the API, 1 MiB for provider webhooks): the bound itself is
    // in details.max_bytes.
    PAYLOAD_TOO_LARGE("payload_too_large", 413,
            "The request body is larger than this endpoint accepts; details.max_bytes gives the limit.",
            RiskAction.BLOCK, 0),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "The request body must be sent as application/json.",
            RiskAction.BLOCK, 0),
    // Contract §13: a free-form message to a recipient whose customer-service window is closed, on a transport that
    // enforces it; the contract's text.
    TEMPLATE_REQUIRED("template_required", 422,
            "WhatsApp only allows an approved template to a recipient who has not written in the last 24 hours.",
            RiskAction.BLOCK, 0),
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422,
            "This Idempotency-Key was already used with a different request body.",
            RiskAction.BLOCK, 0),
    IDEMPOTENCY_KEY_IN_PROGRESS("idempotency_key_in_progress", 409,
            "A request with this Idempotency-Key is still being processed. Please retry shortly.",
            RiskAction.BLOCK, 0),
    SERVICE_UNAVAILABLE("service_unavailable", 503,
            "The gateway is temporarily unable to serve this request. Please try again shortly.",
            RiskAction.BLOCK, 0),
    INTERNAL_ERROR("internal_error", 500, "An unexpected error occurred. Please try again or contact support.",
            RiskAction.BLOCK, 0),
    UNAUTHORIZED("unauthorized", 401, "A valid admin token is required.",
            RiskAction.BLOCK, 0),
    CONFLICT("conflict", 409, "A resource with this identifier already exists.",
            RiskAction.BLOCK, 0),
    // The same wire code as CONFLICT (the request clashes with the instance's state), with the text that
    // tells the operator which clash: the sandbox simulation on an instance of another transport.
    NOT_A_SANDBOX_INSTANCE("conflict", 409, "Inbound messages can be simulated only for sandbox instances.",
            RiskAction.BLOCK, 0),
    // A transport provider's webhook (contract §8): the same wire code as the admin API's 401, with the text
    // that names the credential that failed, the provider's signature.
    WEBHOOK_SIGNATURE_INVALID("unauthorized", 401, "The webhook signature is missing or wrong.",
            RiskAction.BLOCK, 0),
    // A WAHA event signed with the instance's key but for another session (two sessions sharing a URL and key).
    WEBHOOK_MISDIRECTED("forbidden", 403, "The event is for another WAHA session than this instance's.",
            RiskAction.BLOCK, 0),
    // The provider's subscription handshake with a verify token that does not match (or none).
    SUBSCRIPTION_FORBIDDEN("forbidden", 403,
            "The webhook subscription could not be verified: hub.mode must be subscribe and hub.verify_token must match.",
            RiskAction.BLOCK, 0),
    // The same wire code as CONFLICT, naming the clash: operator names are unique (whatever their case).
    OPERATOR_NAME_TAKEN("conflict", 409, "An operator with this name already exists.",
            RiskAction.BLOCK, 0),
    // Revoking the built-in operator: it is configuration, not a stored operator.
    BUILT_IN_OPERATOR("conflict", 409,
            "The built-in admin operator is GATEWAY_ADMIN_TOKEN's: change or unset that variable to replace or withdraw it.",
            RiskAction.BLOCK, 0),
    BAD_REQUEST("bad_request", 400, "The request could not be understood.",
            RiskAction.BLOCK, 0),
    // A template sync on an instance whose transport sends any template (the sandbox): nothing reviews them.
    NO_TEMPLATES_TO_SYNC("conflict", 409,
            "Templates are synced only from a transport that reviews them (meta_cloud); on this instance they are approved when registered.",
            RiskAction.BLOCK, 0),
    // The provider's templates could not be read; details.transport_error carries its code and title.
    TEMPLATE_SYNC_FAILED("template_sync_failed", 502,
            "The WhatsApp Business Account's templates could not be read. Please try again or check the instance's waba_id and access_token.",
            RiskAction.BLOCK, 0);

    private final String code;
    private final int status;
    private final String message;
    private final RiskAction action;
    private final int riskScore;

    ErrorCatalog(String code, int status, String message, RiskAction action, int riskScore) {
        this.code = code;
        this.status = status;
        this.message = message;
        this.action = action;
        this.riskScore = riskScore;
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    String message() {
        return message;
    }

    /** The seed's {@code details.action} for this error; a refusal whose action depends on its facts says so where it is mapped. */
    RiskAction action() {
        return action;
    }

    /** The seed's {@code details.risk_score}; data-dependent scores are set where refusals are mapped. */
    int riskScore() {
        return riskScore;
    }

    /**
     * The row of a refusal the message log recorded, by its reason in the domain's words: the one mapping from
     * reasons to wire codes (the operator's overview counts refusals by it). Exhaustive: a new reason does not
     * compile until it has its row.
     */
    static ErrorCatalog of(RefusalReason reason) {
        return switch (reason) {
            case UNKNOWN_INSTANCE -> INVALID_INSTANCE;
            case PURPOSE_REQUIRED -> MESSAGE_PURPOSE_REQUIRED;
            case PURPOSE_NOT_ALLOWED -> MESSAGE_PURPOSE_NOT_ALLOWED;
            case INVALID_FIELDS -> VALIDATION_ERROR;
            case INSTANCE_PAUSED -> INSTANCE_PAUSED_FOR_REVIEW;
            case RECIPIENT_SUPPRESSED -> ErrorCatalog.RECIPIENT_SUPPRESSED;
            case WINDOW_CLOSED -> TEMPLATE_REQUIRED;
            case POLICY_VIOLATION -> ErrorCatalog.POLICY_VIOLATION;
            case MINUTE_LIMIT_REACHED -> SENDING_THROTTLED;
            case DAILY_LIMIT_REACHED -> DAILY_MESSAGE_LIMIT_EXCEEDED;
            case MONTHLY_LIMIT_REACHED -> MONTHLY_MESSAGE_LIMIT_EXCEEDED;
            case DELIVERY_FAILED -> GATEWAY_SEND_FAILED;
            case DEADLINE_PASSED -> SERVICE_UNAVAILABLE;
        };
    }

    /** For errors Helidon raises before routing, where only a status is known. */
    static ErrorCatalog forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
