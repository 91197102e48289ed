package hub.gateway.adapter.http;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.send.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The actions and risk scores the public documentation shows for each refusal, as the edge answers them (they
 * were the domain's before the catalogue became the one table; the cases are the same).
 */
class RefusalAnswersTest {
    @Test
    void scoresAndActionsFollowTheSeedsExamples() {
        assertScored(new Refusal.PurposeRequired(), "message_purpose_required", "block", 0);
        assertScored(new Refusal.PurposeNotAllowed("marketing", true), "message_purpose_not_allowed", "block", 100);
        assertScored(new Refusal.PurposeNotAllowed("newsletter", false), "message_purpose_not_allowed", "block", 60);
        assertScored(Quotas.dailyReached(), "daily_message_limit_exceeded", "block", 90);
        assertScored(Quotas.monthlyReached(), "monthly_message_limit_exceeded", "block", 90);
        assertScored(Quotas.throttled(), "sending_throttled", "throttle", 65);
        assertScored(new Refusal.InstancePaused(), "instance_paused_for_review", "pause_instance", 100);
    }

    @Test
    void theRestAreAnsweredAsTheyAlwaysWere() {
        assertScored(new Refusal.PolicyViolation(77, List.of()), "policy_violation", "block", 77);
        assertScored(new Refusal.RecipientSuppressed(), "recipient_suppressed", "block", 100);
        assertScored(new Refusal.UnknownInstance(), "invalid_instance", "block", 0);
        assertScored(new Refusal.InvalidFields(List.of(new FieldError("phone", "required"))), "validation_error", "block", 0);
        assertScored(new Refusal.DeliveryFailed(7, "131026", "Message undeliverable"), "gateway_send_failed", "allow", 0);
        assertScored(new Refusal.DeadlinePassed(), "service_unavailable", "block", 0);
    }

    /** Contract §13's text, action and score, exactly. */
    @Test
    void aClosedWindowIsATemplateRequiredWithTheContractsText() {
        Answer answer = ErrorAnswers.refusal(new Refusal.WindowClosed());
        JsonObject body = body(answer);
        assertEquals(422, answer.status());
        assertEquals("template_required", body.getString("error"));
        assertEquals("WhatsApp only allows an approved template to a recipient who has not written in the last 24 hours.",
                body.getString("message"));
        assertEquals(Json.createObjectBuilder().add("action", "block").add("risk_score", 0).build(),
                body.getJsonObject("details"));
    }

    @Test
    void oneOfEachCoversEveryKindOfRefusal() {
        Set<Class<?>> covered = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(Refusal.class.getPermittedSubclasses()), covered);
    }

    /** One refusal of every kind, for tests that go over them all. */
    static List<Refusal> oneOfEach() {
        return List.of(new Refusal.PurposeRequired(), new Refusal.PurposeNotAllowed("marketing", true),
                new Refusal.InvalidFields(List.of(new FieldError("phone", "required"))), new Refusal.UnknownInstance(),
                new Refusal.InstancePaused(), new Refusal.RecipientSuppressed(), new Refusal.WindowClosed(),
                new Refusal.PolicyViolation(90, List.<RiskSignal>of()),
                Quotas.throttled(), Quotas.dailyReached(), Quotas.monthlyReached(),
                new Refusal.DeliveryFailed(7, "131026", "Message undeliverable"), new Refusal.DeadlinePassed());
    }

    static JsonObject body(Answer answer) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(answer.body()))) {
            return reader.readObject();
        }
    }

    private static void assertScored(Refusal refusal, String code, String action, int score) {
        JsonObject body = body(ErrorAnswers.refusal(refusal));
        assertEquals(code, body.getString("error"));
        assertEquals(action, body.getJsonObject("details").getString("action"));
        assertEquals(score, body.getJsonObject("details").getInt("risk_score"));
    }
}
