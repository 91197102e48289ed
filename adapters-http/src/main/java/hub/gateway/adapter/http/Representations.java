package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.GetOverviewUseCase.Overview;
import hub.gateway.application.port.in.GetOverviewUseCase.WebhookBacklog;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.Page;
import hub.gateway.application.port.in.ListAccountsUseCase.AccountSummary;
import hub.gateway.application.port.in.ListApiKeysUseCase.ApiKeySummary;
import hub.gateway.application.port.in.ListPausedInstancesUseCase.PausedInstance;
import hub.gateway.application.port.in.ListSuppressionHistoryUseCase.SuppressionEntry;
import hub.gateway.application.port.in.ListWebhookDeliveriesUseCase.WebhookDelivery;
import hub.gateway.application.port.in.ListRiskEventsUseCase.RiskEvent;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.suppression.Suppression;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The wire shapes of contract §9, snake_case, times as ISO-8601 in UTC. */
final class Representations {
    private Representations() {
    }

    /**
     * The transport account shows its phone number id but never the access token, only whether one is set:
     * the token is a credential at the provider, and an answer may end up in a log or a screenshot.
     */
    static JsonObjectBuilder instance(InstanceReport report) {
        Instance instance = report.instance();
        Limits limits = instance.limits();
        Usage usage = report.usage();
        return JSON.createObjectBuilder()
                .add("instance_id", instance.id().value())
                .add("account_id", instance.accountId().value())
                .add("name", instance.name())
                .add("plan", instance.plan().wireName())
                .add("status", instance.status().wireName())
                .add("transport", instance.transport())
                .add("timezone", instance.timeZone().getId())
                .add("phone_number_id", orNull(instance.transportAccount().phoneNumberId()))
                .add("access_token_set", instance.transportAccount().accessToken().isPresent())
                .add("waba_id", orNull(instance.transportAccount().businessAccountId()))
                .add("waha_url", orNull(instance.transportAccount().waha().url()))
                .add("waha_session", orNull(instance.transportAccount().waha().session()))
                .add("waha_api_key_set", instance.transportAccount().waha().apiKey().isPresent())
                .add("waha_webhook_key_set", instance.transportAccount().waha().webhookKey().isPresent())
                .add("webhook_url", orNull(instance.webhookUrl()))
                .add("limits", JSON.createObjectBuilder()
                        .add("daily", limits.daily())
                        .add("monthly", limits.monthly())
                        .add("per_minute", limits.perMinute()))
                .add("usage", JSON.createObjectBuilder()
                        .add("daily", usage.day())
                        .add("monthly", usage.month())
                        .add("per_minute", usage.minute()))
                .add("created_at", time(instance.createdAt()));
    }

    static JsonObjectBuilder usage(InstanceReport report) {
        Limits limits = report.instance().limits();
        Usage usage = report.usage();
        UsageWindows windows = report.windows();
        return JSON.createObjectBuilder()
                .add("instance_id", report.instance().id().value())
                .add("plan", report.instance().plan().wireName())
                .add("daily", window(limits.daily(), usage.day(), windows.dayEnds()))
                .add("monthly", window(limits.monthly(), usage.month(), windows.monthEnds()))
                .add("per_minute", window(limits.perMinute(), usage.minute(), windows.minuteEnds()));
    }

    static JsonObjectBuilder message(MessageRecord record) {
        JsonArrayBuilder history = JSON.createArrayBuilder();
        record.statusHistory().forEach(change -> history.add(JSON.createObjectBuilder()
                .add("status", change.status())
                .add("at", time(change.at()))));
        return JSON.createObjectBuilder()
                .add("log_id", record.logId())
                .add("message_id", orNull(record.messageId()))
                .add("instance_id", record.instanceId())
                .add("phone", orNull(record.phone()))
                .add("message_purpose", orNull(record.messagePurpose()))
                .add("status", record.status())
                .add("error", orNull(record.error()))
                .add("created_at", time(record.createdAt()))
                .add("status_history", history);
    }

    static JsonArrayBuilder suppressions(List<Suppression> suppressions) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        suppressions.forEach(s -> array.add(suppression(s)));
        return array;
    }

    static JsonObjectBuilder suppression(Suppression suppression) {
        return JSON.createObjectBuilder()
                .add("instance_id", suppression.instanceId().value())
                .add("phone", suppression.phone().e164())
                .add("reason", suppression.reason().wireName())
                .add("added_by", suppression.by().wireName())
                .add("since", time(suppression.since()));
    }

    static JsonObjectBuilder delivery(WebhookDelivery delivery) {
        return JSON.createObjectBuilder()
                .add("event_id", delivery.eventId())
                .add("webhook_id", delivery.webhookId())
                .add("event", delivery.type())
                .add("status", delivery.status())
                .add("attempts", delivery.attempts())
                .add("last_attempt_at", orNull(delivery.lastAttemptAt().map(Representations::time)))
                .add("last_http_status", delivery.lastHttpStatus().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL))
                .add("last_error", orNull(delivery.lastError()))
                .add("next_attempt_at", orNull(delivery.nextAttemptAt().map(Representations::time)))
                .add("created_at", time(delivery.createdAt()));
    }

    static JsonObjectBuilder riskEvent(RiskEvent event) {
        return JSON.createObjectBuilder()
                .add("id", event.id())
                .add("at", time(event.at()))
                .add("score", event.assessment().score())
                .add("action", event.assessment().action().wireName())
                .add("signals", signals(event.assessment().signals()))
                // A pause is not a send, so it has no message-log row.
                .add("log_id", event.logId().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL));
    }

    /**
     * The one wire form of risk signals, shared by the refusal, the webhook event and the admin view, in the
     * assessment's order: the bytes of a webhook body depend on it, and the order says which rule fired first.
     */
    static JsonArrayBuilder signals(List<RiskSignal> signals) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        signals.forEach(signal -> array.add(JSON.createObjectBuilder()
                .add("name", signal.name())
                .add("weight", signal.weight())
                .add("evidence", signal.evidence())));
        return array;
    }

    /** A page of a list: its entries under {@code name}, and the next page's cursor (null on the last page). */
    static <T> Answer page(String name, Page<T> page, Function<T, JsonObjectBuilder> entry) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.items().forEach(item -> items.add(entry.apply(item)));
        return Answer.ok(JSON.createObjectBuilder().add(name, items).add("next_cursor", orNull(page.nextCursor())).build());
    }

    /** A review entry: the instance, when and why it was paused, and its latest refusals. */
    static JsonObjectBuilder pausedInstance(PausedInstance paused) {
        Instance instance = paused.instance();
        JsonArrayBuilder assessments = JSON.createArrayBuilder();
        paused.assessments().forEach(e -> assessments.add(riskEvent(e)));
        JsonArrayBuilder refusals = JSON.createArrayBuilder();
        paused.recentRefusals().forEach(m -> refusals.add(message(m)));
        JsonArrayBuilder ledToPause = JSON.createArrayBuilder();
        paused.ledToPause().forEach(e -> ledToPause.add(riskEvent(e)));
        return JSON.createObjectBuilder()
                .add("instance_id", instance.id().value())
                .add("account_id", instance.accountId().value())
                .add("name", instance.name())
                .add("timezone", instance.timeZone().getId())
                .add("plan", instance.plan().wireName())
                .add("transport", instance.transport())
                .add("paused_at", time(paused.pausedAt()))
                .add("paused_by", paused.pause().isPresent() ? "rules" : "operator")
                .add("pause", paused.pause().<JsonValue>map(e -> riskEvent(e).build()).orElse(JsonValue.NULL))
                .add("assessments", assessments)
                .add("recent_refusals", refusals)
                .add("led_to_pause", ledToPause);
    }

    static JsonObjectBuilder suppressionEntry(SuppressionEntry entry) {
        JsonArrayBuilder history = JSON.createArrayBuilder();
        entry.history().forEach(a -> history.add(JSON.createObjectBuilder()
                .add("action", a.action())
                .add("reason", a.reason().wireName())
                .add("actor", a.actor())
                .add("at", time(a.at()))
                .add("note", orNull(a.note()))));
        return suppression(entry.suppression()).add("history", history);
    }

    static JsonObjectBuilder accountSummary(AccountSummary summary) {
        return JSON.createObjectBuilder()
                .add("account_id", summary.account().id().value())
                .add("name", summary.account().name())
                .add("timezone", summary.account().timeZone().getId())
                .add("created_at", time(summary.createdAt()))
                .add("instances", summary.instances());
    }

    /** Never the key, nor its hash: the prefix alone tells keys apart. */
    static JsonObjectBuilder apiKey(ApiKeySummary key) {
        return JSON.createObjectBuilder()
                .add("api_key_id", key.id())
                .add("prefix", key.prefix())
                .add("created_at", time(key.createdAt()))
                .add("revoked_at", orNull(key.revokedAt().map(Representations::time)));
    }

    /** Refusals by their wire code, mapped from the domain's reasons by the catalogue. */
    static JsonObjectBuilder overview(Overview overview) {
        JsonArrayBuilder hours = JSON.createArrayBuilder();
        overview.hours().forEach(h -> hours.add(JSON.createObjectBuilder()
                .add("hour", time(h.hour()))
                .add("sent", h.sent())
                .add("failed", h.failed())
                .add("refused", h.refused())
                .add("unknown", h.unknown())));
        JsonArrayBuilder refusals = JSON.createArrayBuilder();
        overview.topRefusals().forEach(r -> refusals.add(JSON.createObjectBuilder()
                .add("error", ErrorCatalog.of(r.reason()).code())
                .add("count", r.count())));
        WebhookBacklog backlog = overview.webhookBacklog();
        return JSON.createObjectBuilder()
                .add("from", time(overview.from()))
                .add("until", time(overview.until()))
                .add("at", time(overview.at()))
                .add("hours", hours)
                .add("top_refusals", refusals)
                .add("opt_outs", overview.optOuts())
                .add("webhook_backlog", JSON.createObjectBuilder()
                        .add("pending", backlog.pending())
                        .add("oldest_created_at", orNull(backlog.oldestCreatedAt().map(Representations::time)))
                        .add("oldest_age_seconds", backlog.oldestAge()
                                .<JsonValue>map(age -> JSON.createValue(age.toSeconds())).orElse(JsonValue.NULL)));
    }

    private static JsonObjectBuilder window(int limit, int used, Instant resetsAt) {
        return JSON.createObjectBuilder()
                .add("limit", limit)
                .add("used", used)
                .add("resets_at", resetsAt == null ? JsonValue.NULL : JSON.createValue(time(resetsAt)));
    }

    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static JsonValue orNull(Optional<String> value) {
        return value.<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL);
    }
}
