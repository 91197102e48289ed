package hub.gateway.bootstrap;

import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §6: only violations judged with high certainty (scored pause.violations.min_score or more) count towards
 * the repeated-violations pause, so a shop whose honest messages are refused now and then is not paused for it; and
 * the review shows which refusals led to a pause. The gateway runs a copy of the shipped policy with two phrases of
 * known weight (one under the certain score, one over it) and no learned signal, so that the scores are exact.
 */
class PauseCertaintyEndToEndTest {
    private static final String BORDERLINE = "borderline refusal phrase";
    private static final String CERTAIN = "certain refusal phrase";
    private static GatewayUnderTest gateway;
    private static Path policy;

    @BeforeAll
    static void aGatewayWithPhrasesOfKnownWeight() throws IOException {
        String shipped;
        try (InputStream in = RiskPolicyFile.class.getResourceAsStream(RiskPolicyFile.DEFAULT_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(shipped.contains("pause.violations.min_score=90") && shipped.contains("block.score=80"));
        policy = Files.createTempFile("policy", ".properties");
        Files.writeString(policy, shipped
                .replace("signal.scam.phrases=\\\n", "signal.scam.phrases=\\\n  " + BORDERLINE + ":85 | " + CERTAIN + ":95 |\\\n")
                .replaceFirst("(?m)^model.file=.*$", "model.file=none"));
        gateway = GatewayUnderTest.on(TestDatabase.shared().createDatabase(), Map.of("GATEWAY_POLICY_FILE", policy.toString()));
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        Files.deleteIfExists(policy);
    }

    @Test
    void borderlineRefusalsNeverPauseAndTheReviewShowsTheCertainOnesThatDid() {
        Client client = gateway.newClient("scale", null);
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"per_minute_limit\": 100000}");
        for (int i = 0; i < 8; i++) {
            Response refused = gateway.send(client, "+966501234567", "Receipt " + i + ": " + BORDERLINE, "transactional");
            assertSeedError(refused, "policy_violation");
            assertEquals(85, refused.details().getInt("risk_score"));
        }
        assertEquals("active", status(client), "eight borderline refusals within the hour are not one step towards a pause");

        for (int i = 0; i < 4; i++) {
            assertSeedError(gateway.send(client, "+966501234567", "Notice " + i + ": " + CERTAIN, "transactional"),
                    "policy_violation");
        }
        assertEquals("active", status(client));
        assertSeedError(gateway.send(client, "+966501234567", "Notice 4: " + CERTAIN, "transactional"),
                "instance_paused_for_review");
        assertEquals("paused_for_review", status(client), "the fifth certain violation pauses");

        JsonObject entry = gateway.admin("GET", "/admin/review", null).json().getJsonArray("instances")
                .getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("instance_id").equals(client.instanceId())).findFirst().orElseThrow();
        List<JsonObject> led = entry.getJsonArray("led_to_pause").getValuesAs(JsonObject.class);
        assertEquals(5, led.size(), entry.toString());
        assertTrue(led.stream().allMatch(e -> e.getInt("score") == 95 && e.getString("action").equals("block")), led.toString());
        List<Long> refusalLogIds = new ArrayList<>();
        entry.getJsonArray("recent_refusals").getValuesAs(JsonObject.class)
                .forEach(m -> refusalLogIds.add(m.getJsonNumber("log_id").longValue()));
        assertTrue(led.stream().allMatch(e -> refusalLogIds.contains(e.getJsonNumber("log_id").longValue())),
                "each counted violation is one of the refusals shown: " + entry);
    }

    private static String status(Client client) {
        return gateway.admin("GET", "/admin/instances/" + client.instanceId(), null).json().getString("status");
    }
}
