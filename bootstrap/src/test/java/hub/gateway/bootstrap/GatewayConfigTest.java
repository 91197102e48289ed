package hub.gateway.bootstrap;

import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.suppression.InboundIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration from the environment: defaults, overrides, and clear words for a wrong value. */
class GatewayConfigTest {

    @Test
    void defaultsAreTheEmbeddedDatabaseOnPort8080() {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of());
        assertEquals(8080, config.port());
        assertTrue(config.usesEmbeddedDatabase());
        assertFalse(config.webhookAllowPrivate());
        assertEquals(80, config.riskPolicy().blockScore());
    }

    @Test
    void aPolicyFileReplacesTheShippedPolicyWithoutARebuild(@TempDir Path dir) throws IOException {
        String shipped;
        try (InputStream in = hub.gateway.application.policy.RiskPolicyFile.class.getResourceAsStream(hub.gateway.application.policy.RiskPolicyFile.DEFAULT_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path policy = dir.resolve("policy.properties");
        Files.writeString(policy, shipped.replace("block.score=80", "block.score=60"));
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_POLICY_FILE", policy.toString()));
        assertEquals(60, config.riskPolicy().blockScore());

        Files.writeString(policy, shipped.replace("pause.violations.count=5", "pause.violations.count=lots"));
        GatewayConfig.ConfigurationException broken = assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_POLICY_FILE", policy.toString())));
        assertTrue(broken.getMessage().contains("pause.violations.count"), broken.getMessage());
    }

    @Test
    void theRiskAssessmentIsOnUnlessTheBenchmarkBaselineTurnsItOff() {
        assertTrue(GatewayConfig.fromEnvironment(Map.of()).riskAssessment());
        assertTrue(GatewayConfig.fromEnvironment(Map.of("GATEWAY_RISK_ASSESSMENT", "on")).riskAssessment());
        assertFalse(GatewayConfig.fromEnvironment(Map.of("GATEWAY_RISK_ASSESSMENT", "OFF")).riskAssessment());
        assertFalse(GatewayConfig.fromEnvironment(Map.of("GATEWAY_RISK_ASSESSMENT", "off")).withPort(9000).riskAssessment());
        GatewayConfig.ConfigurationException wrong = assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_RISK_ASSESSMENT", "false")));
        assertTrue(wrong.getMessage().contains("GATEWAY_RISK_ASSESSMENT"), wrong.getMessage());
    }

    @Test
    void theLogFormatIsTextUnlessJsonIsAsked() {
        assertEquals(LogFormat.TEXT, GatewayConfig.fromEnvironment(Map.of()).logFormat());
        assertEquals(LogFormat.TEXT, GatewayConfig.fromEnvironment(Map.of("GATEWAY_LOG_FORMAT", "text")).logFormat());
        assertEquals(LogFormat.JSON, GatewayConfig.fromEnvironment(Map.of("GATEWAY_LOG_FORMAT", " JSON ")).logFormat());
        assertEquals(LogFormat.JSON,
                GatewayConfig.fromEnvironment(Map.of("GATEWAY_LOG_FORMAT", "json")).withPort(9000).logFormat());
        GatewayConfig.ConfigurationException wrong = assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_LOG_FORMAT", "logfmt")));
        assertTrue(wrong.getMessage().contains("GATEWAY_LOG_FORMAT"), wrong.getMessage());
    }

    @Test
    void keywordListsComeFromTheEnvironment() {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_OPT_OUT_KEYWORDS", "HALT, إيقاف الكل",
                "GATEWAY_OPT_IN_KEYWORDS", "RESUME"));
        assertEquals(InboundIntent.OPT_OUT, config.keywords().classify("halt"));
        assertEquals(InboundIntent.OPT_OUT, config.keywords().classify("ايقاف الكل"));
        assertEquals(InboundIntent.NONE, config.keywords().classify("STOP"));
        assertEquals(InboundIntent.OPT_IN, config.keywords().classify("resume"));
    }

    @Test
    void wrongValuesAreNamed() {
        assertTrue(assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_PORT", "eighty"))).getMessage().contains("GATEWAY_PORT"));
        assertTrue(assertThrows(GatewayConfig.ConfigurationException.class,
                () -> GatewayConfig.fromEnvironment(Map.of("GATEWAY_WEBHOOK_ALLOW_PRIVATE", "yes"))).getMessage()
                .contains("GATEWAY_WEBHOOK_ALLOW_PRIVATE"));
    }

    @Test
    void theManagementPortIsTheMainPortUnlessSetAndABadOneStopsTheStart() {
        assertEquals(java.util.Optional.empty(), GatewayConfig.fromEnvironment(Map.of()).managementPort());
        assertEquals(java.util.Optional.of(9090),
                GatewayConfig.fromEnvironment(Map.of("GATEWAY_MANAGEMENT_PORT", "9090")).managementPort());
        for (Map<String, String> wrong : java.util.List.of(Map.of("GATEWAY_MANAGEMENT_PORT", "nine"),
                Map.of("GATEWAY_MANAGEMENT_PORT", "70000"), Map.of("GATEWAY_MANAGEMENT_PORT", "-1"),
                Map.of("GATEWAY_PORT", "8081", "GATEWAY_MANAGEMENT_PORT", "8081"),
                Map.of("GATEWAY_MANAGEMENT_PORT", "8080"))) {
            String message = assertThrows(GatewayConfig.ConfigurationException.class,
                    () -> GatewayConfig.fromEnvironment(wrong), wrong.toString()).getMessage();
            assertTrue(message.contains("GATEWAY_MANAGEMENT_PORT"), message);
        }
    }

    @Test
    void transportTimeOutsDefaultToTwoAndTenSecondsAndABadOneStopsTheStartNamingIt() {
        assertEquals(new TransportTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)),
                GatewayConfig.transportTimeouts(Map.of()));
        assertEquals(new TransportTimeouts(Duration.ofMillis(500), Duration.ofMillis(1500)),
                GatewayConfig.transportTimeouts(Map.of("GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS", "500",
                        "GATEWAY_TRANSPORT_READ_TIMEOUT_MS", "1500")));
        for (Map<String, String> wrong : java.util.List.of(Map.of("GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS", "two"),
                Map.of("GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS", "0"), Map.of("GATEWAY_TRANSPORT_READ_TIMEOUT_MS", "-5"),
                Map.of("GATEWAY_TRANSPORT_READ_TIMEOUT_MS", "1.5"),
                Map.of("GATEWAY_TRANSPORT_READ_TIMEOUT_MS", "9999999999"),
                Map.of("GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS", "3000", "GATEWAY_TRANSPORT_READ_TIMEOUT_MS", "3000"))) {
            String message = assertThrows(GatewayConfig.ConfigurationException.class,
                    () -> GatewayConfig.fromEnvironment(wrong), wrong.toString()).getMessage();
            assertTrue(wrong.keySet().stream().allMatch(message::contains), message);
        }
    }
}
