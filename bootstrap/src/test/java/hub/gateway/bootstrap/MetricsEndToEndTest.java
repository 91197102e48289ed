package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /observe/metrics} (contract §11) on the gateway as it runs: every metric moves by exactly what was done
 * between two scrapes, read by a Prometheus-text reader ({@link PrometheusText}); the expected figures come from
 * the answers and the operator API, never from the code. The webhook deliveries and the outbox gauges have their
 * own gateway ({@link WebhookMetricsEndToEndTest}): here the dispatcher retries events of instances without a
 * webhook URL in the background, which these tests therefore do not count.
 */
class MetricsEndToEndTest {
    private static final String DATABASE = TestDatabase.shared().createDatabase();
    private static final int POOL_SIZE = 6;

    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.on(DATABASE);

    @Test
    void aSentSendCountsOnceWithItsDurationAndItsTransportRequest() {
        Client client = gateway.newClient("scale");
        PrometheusText before = scrape();

        assertEquals(200, gateway.send(client, "+966501234567", "Your order #2041 has shipped.", "transactional").status());

        PrometheusText after = scrape();
        assertEquals(Map.of("sent", 1.0), after.deltaByLabel(before, "gateway_send_requests_total", "outcome"));
        assertEquals(Map.of("sent", 1.0), after.deltaByLabel(before, "gateway_send_duration_seconds_count", "result"));
        assertEquals(1.0, after.delta(before, "gateway_send_duration_seconds_bucket", "result", "sent", "le", "+Inf"));
        assertTrue(after.delta(before, "gateway_send_duration_seconds_sum", "result", "sent") > 0);
        assertEquals(1.0, after.delta(before, "gateway_transport_requests_total", "transport", "sandbox", "result", "delivered"));
        assertEquals(0.0, after.delta(before, "gateway_transport_requests_total", "transport", "sandbox", "result", "failed"));
        assertEquals(1.0, after.delta(before, "gateway_transport_duration_seconds_count", "transport", "sandbox"));
        assertEquals(Map.of(), after.deltaByLabel(before, "gateway_policy_signals_total", "signal"));
    }

    /** Every answer of the send route counts under its error code, and its duration under refused or failed. */
    @Test
    void eachRefusalCountsUnderItsErrorCode() {
        Client client = gateway.newClient("scale");
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 2}");
        PrometheusText before = scrape();

        List<Response> answers = new ArrayList<>();
        answers.add(gateway.send("gk_live_not_a_key", body(client.instanceId(), "+966501234567", "Hello", "transactional")));
        answers.add(gateway.send(client.apiKey(), "{not json"));
        answers.add(gateway.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"+966501234567\", \"message\": \"Hi\"}"));
        answers.add(gateway.send(client.apiKey(), body(client.instanceId(), "0501234567", "Hello", "transactional")));
        answers.add(gateway.send(client.apiKey(), body("inst_nobody_has_this", "+966501234567", "Hello", "transactional")));
        answers.add(gateway.send(client.apiKey(), body(client.instanceId(), "+966501234567", "x".repeat(70_000), "transactional")));
        // The sandbox fails numbers ending in 0000: a 502, whose quota is given back.
        answers.add(gateway.send(client, "+966501110000", "Your order #5 has shipped.", "transactional"));
        answers.add(gateway.send(client, "+966501234567", "Your order #5 has shipped.", "transactional"));
        answers.add(gateway.send(client, "+966501234568", "Your order #6 has shipped.", "transactional"));
        answers.add(gateway.send(client, "+966501234569", "Your order #7 has shipped.", "transactional"));

        Map<String, Double> expectedOutcomes = new TreeMap<>();
        Map<String, Double> expectedResults = new TreeMap<>();
        for (Response answer : answers) {
            String outcome = answer.status() == 200 ? "sent" : answer.json().getString("error");
            expectedOutcomes.merge(outcome, 1.0, Double::sum);
            expectedResults.merge(answer.status() == 200 ? "sent" : answer.status() >= 500 ? "failed" : "refused", 1.0, Double::sum);
        }
        // The answers are what the test meant, so that the counts below are checked against something real.
        assertEquals(Set.of("invalid_api_key", "invalid_json", "message_purpose_required", "validation_error",
                "invalid_instance", "payload_too_large", "gateway_send_failed", "sent", "daily_message_limit_exceeded"),
                expectedOutcomes.keySet());

        PrometheusText after = scrape();
        assertEquals(expectedOutcomes, after.deltaByLabel(before, "gateway_send_requests_total", "outcome"));
        assertEquals(expectedResults, after.deltaByLabel(before, "gateway_send_duration_seconds_count", "result"));
        assertEquals(Map.of("sandbox", 3.0), after.deltaByLabel(before, "gateway_transport_requests_total", "transport"));
        assertEquals(Map.of("delivered", 2.0, "failed", 1.0), after.deltaByLabel(before, "gateway_transport_requests_total", "result"));
    }

    @Test
    void aPolicyViolationCountsEachOfItsSignals() {
        Client client = roomyClient();
        PrometheusText before = scrape();

        Response refused = gateway.send(client, "+966501234567",
                "Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now", "transactional");

        assertSeedError(refused, "policy_violation");
        PrometheusText after = scrape();
        assertEquals(signalCounts(refused.details().getJsonArray("signals").getValuesAs(JsonObject.class)),
                after.deltaByLabel(before, "gateway_policy_signals_total", "signal"));
        assertEquals(Map.of("policy_violation", 1.0), after.deltaByLabel(before, "gateway_send_requests_total", "outcome"));
        assertEquals(Map.of(), after.deltaByLabel(before, "gateway_instances_paused_total", "cause"));
        assertEquals(Map.of(), after.deltaByLabel(before, "gateway_transport_requests_total", "transport"));
    }

    @Test
    void repeatedViolationsPauseTheInstanceOnceWithTheirCauseAndSignals() {
        Client client = roomyClient();
        PrometheusText before = scrape();

        Map<String, Double> expectedSignals = new TreeMap<>();
        for (int i = 0; i < 4; i++) {
            Response refused = gateway.send(client, "+966501234567", "Vote for Ahmed Saleh in the municipal elections", "support");
            assertSeedError(refused, "policy_violation");
            signalCounts(refused.details().getJsonArray("signals").getValuesAs(JsonObject.class))
                    .forEach((signal, count) -> expectedSignals.merge(signal, count, Double::sum));
        }
        assertSeedError(gateway.send(client, "+966501234567", "Vote for Ahmed Saleh in the municipal elections", "support"),
                "instance_paused_for_review");
        // Refused without an assessment: the instance is paused already.
        assertSeedError(gateway.send(client, "+966501234567", "Your order #77 has shipped", "transactional"),
                "instance_paused_for_review");
        JsonObject pause = latestRiskEvent(client);
        assertEquals("pause_instance", pause.getString("action"));
        signalCounts(pause.getJsonArray("signals").getValuesAs(JsonObject.class))
                .forEach((signal, count) -> expectedSignals.merge(signal, count, Double::sum));

        PrometheusText after = scrape();
        assertEquals(Map.of("violations", 1.0), after.deltaByLabel(before, "gateway_instances_paused_total", "cause"));
        assertEquals(expectedSignals, after.deltaByLabel(before, "gateway_policy_signals_total", "signal"));
        assertTrue(expectedSignals.containsKey("repeated_violations"), expectedSignals.toString());
        assertEquals(Map.of("policy_violation", 4.0, "instance_paused_for_review", 2.0),
                after.deltaByLabel(before, "gateway_send_requests_total", "outcome"));
    }

    @Test
    void aHighShareOfFailedDeliveriesPausesWithItsCause() {
        Client client = roomyClient();
        PrometheusText before = scrape();

        int failures = 0;
        Response answer;
        do {
            // The sandbox fails every number that ends in 0000; the rule pauses after enough of them.
            answer = gateway.send(client, String.format("+9665%02d000000", failures + 10), "Your order #9 is on its way", "transactional");
            if (answer.status() == 502) {
                failures++;
            }
        } while (answer.status() == 502 && failures < 60);
        assertSeedError(answer, "instance_paused_for_review");
        JsonObject pause = latestRiskEvent(client);

        PrometheusText after = scrape();
        assertEquals(Map.of("failed_deliveries", 1.0), after.deltaByLabel(before, "gateway_instances_paused_total", "cause"));
        assertEquals(signalCounts(pause.getJsonArray("signals").getValuesAs(JsonObject.class)),
                after.deltaByLabel(before, "gateway_policy_signals_total", "signal"));
        assertEquals(Map.of("failed", (double) failures),
                after.deltaByLabel(before, "gateway_transport_requests_total", "result"));
        assertEquals(Map.of("gateway_send_failed", (double) failures, "instance_paused_for_review", 1.0),
                after.deltaByLabel(before, "gateway_send_requests_total", "outcome"));
    }

    @Test
    void anOperatorPauseCountsOnceAndPausingAPausedInstanceDoesNot() {
        Client client = gateway.newClient("starter");
        PrometheusText before = scrape();

        assertEquals(200, gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/pause", "").status());
        assertEquals(200, gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/pause", "").status());
        assertEquals(200, gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/resume", "").status());

        PrometheusText after = scrape();
        assertEquals(Map.of("operator", 1.0), after.deltaByLabel(before, "gateway_instances_paused_total", "cause"));
        for (String cause : List.of("operator", "violations", "failed_deliveries", "opt_outs")) {
            assertTrue(after.has("gateway_instances_paused_total", "cause", cause), "every cause is exposed from the start: " + cause);
        }
    }

    @Test
    void inboundMessagesCountByKind() {
        Client client = gateway.newClient("starter");
        PrometheusText before = scrape();

        assertEquals(202, gateway.inbound(client, "+966501234567", "STOP").status());
        assertEquals(202, gateway.inbound(client, "+966501234567", "START").status());
        assertEquals(202, gateway.inbound(client, "+966501234567", "Thank you!").status());
        assertEquals(202, gateway.inbound(client, "+966501234568", "please stop the late deliveries").status());
        // Refused input is no message.
        assertEquals(422, gateway.inbound(client, "not a phone", "STOP").status());

        PrometheusText after = scrape();
        assertEquals(Map.of("opt_out", 1.0, "opt_in", 1.0, "other", 2.0),
                after.deltaByLabel(before, "gateway_inbound_messages_total", "kind"));
    }

    /** Contract §11: no label carries an instance id, an account id or a phone number. */
    @Test
    void theExpositionNamesNoInstanceAccountOrPhone() {
        Client client = gateway.newClient("scale");
        String phone = "+966501239876";
        assertEquals(200, gateway.send(client, phone, "Your order #12 has shipped.", "transactional").status());
        assertEquals(502, gateway.send(client, "+966501230000", "Your order #12 has shipped.", "transactional").status());
        gateway.inbound(client, phone, "STOP");
        assertSeedError(gateway.send(client, phone, "Your order #13 has shipped.", "transactional"), "recipient_suppressed");

        String text = gateway.call("GET", "/observe/metrics", null, Map.of()).body();
        PrometheusText scrape = PrometheusText.parse(text);
        Pattern forbiddenLabel = Pattern.compile("(?i).*(instance|account|phone|recipient|number|msisdn|from|to).*");
        Pattern phoneLike = Pattern.compile(".*\\+?\\d{7,15}.*");
        List<String> problems = new ArrayList<>();
        for (PrometheusText.Sample sample : scrape.samples()) {
            sample.labels().forEach((label, value) -> {
                if (forbiddenLabel.matcher(label).matches()) {
                    problems.add(sample.name() + " has label " + label);
                }
                if (phoneLike.matcher(value).matches()) {
                    problems.add(sample.name() + " has a phone-looking value " + label + "=" + value);
                }
            });
        }
        assertEquals(List.of(), problems);
        for (String secret : List.of(client.instanceId(), client.accountId(), phone, phone.substring(1), "501239876")) {
            assertFalse(text.contains(secret), "the exposition shows " + secret);
        }
        assertTrue(scrape.value("gateway_send_requests_total", "outcome", "recipient_suppressed") >= 1);
    }

    @Test
    void theJvmsOwnMetersAreExposed() {
        PrometheusText scrape = scrape();
        for (String name : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "process_uptime_seconds", "system_cpu_count")) {
            assertTrue(scrape.has(name), name + " in " + scrape.names());
        }
    }

    /**
     * The pool's three states, seen while sends hold every connection: a test transaction holds an Idempotency-Key's
     * claim uncommitted, so each send with that key holds its connection at its own claim of it, and the ones beyond
     * the pool wait for a connection. (Not the quota row: the reservations that wait there go together in one call,
     * on one connection.) The scrape still answers 200 meanwhile (its backlog read cannot get a connection in time:
     * NaN).
     */
    @Test
    void thePoolGaugesShowActiveIdleAndPendingConnections() throws Exception {
        Client client = roomyClient();
        assertEquals(200, gateway.send(client, "+966501234567", "Your order #1 has shipped.", "transactional").status());
        PrometheusText quiet = scrape();
        assertEquals(0.0, quiet.value("gateway_db_pool_connections", "state", "pending"));
        double quietIdle = quiet.value("gateway_db_pool_connections", "state", "idle");
        double quietActive = quiet.value("gateway_db_pool_connections", "state", "active");
        assertTrue(quietIdle >= 1 && quietActive >= 0 && quietIdle + quietActive <= POOL_SIZE, quiet.byLabel(
                "gateway_db_pool_connections", "state").toString());

        TestDatabase db = TestDatabase.shared();
        AtomicBoolean holding = new AtomicBoolean(true);
        List<PrometheusText> seen = new ArrayList<>();
        try (Connection lock = DriverManager.getConnection(DATABASE, db.user(), db.password());
             ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            lock.setAutoCommit(false);
            try (PreparedStatement claim = lock.prepareStatement("""
                    insert into idempotency_key (account_id, key, request_hash, state, created_at)
                    values (?, 'held-by-the-test', 'h', 'in_progress', now())
                    """)) {
                claim.setString(1, client.accountId());
                assertEquals(1, claim.executeUpdate());
            }
            List<Future<?>> sends = new ArrayList<>();
            // More senders than connections, again and again while the lock holds (a waiting send gives up after
            // the pool's time-out), until a scrape has seen the pool exhausted.
            for (int i = 0; i < POOL_SIZE + 4; i++) {
                int sender = i;
                sends.add(senders.submit(() -> {
                    while (holding.get()) {
                        gateway.call("POST", "/api/send-message", "{\"instance_id\": \"" + client.instanceId()
                                        + "\", \"phone\": \"" + String.format("+9665012%05d", sender)
                                        + "\", \"message\": \"Your order #2 has shipped.\", \"message_purpose\": \"transactional\"}",
                                Map.of("Authorization", "Bearer " + client.apiKey(), "Content-Type", "application/json",
                                        "Idempotency-Key", "held-by-the-test"));
                    }
                }));
            }
            try {
                Eventually.assertSeenWithin(Duration.ofSeconds(30), () -> {
                    PrometheusText scrape = scrape();
                    seen.add(scrape);
                    return scrape.value("gateway_db_pool_connections", "state", "active") == POOL_SIZE
                            && scrape.value("gateway_db_pool_connections", "state", "pending") >= 1;
                }, "a scrape that sees every connection active and callers waiting");
            } catch (AssertionError notSeen) {
                throw new AssertionError(notSeen.getMessage() + "; the last scrapes' pool: " + seen.subList(
                        Math.max(0, seen.size() - 5), seen.size()).stream()
                        .map(scrape -> scrape.byLabel("gateway_db_pool_connections", "state").toString()).toList(), notSeen);
            } finally {
                holding.set(false);
                lock.rollback();
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
        PrometheusText exhausted = seen.getLast();
        assertEquals(0.0, exhausted.value("gateway_db_pool_connections", "state", "idle"));
        Eventually.assertSeenWithin(Duration.ofSeconds(30),
                () -> scrape().value("gateway_db_pool_connections", "state", "pending") == 0, "no caller waits any more");
    }

    /** The shipped dashboard cannot drift: every metric its expressions name is in a real scrape. */
    @Test
    void everyMetricTheDashboardAndTheOperationsGuideNameIsExposed() throws Exception {
        // Meters that appear on first use: a send, a refusal with signals, a failed transport request.
        Client client = roomyClient();
        assertEquals(200, gateway.send(client, "+966501234567", "Your order #3 has shipped.", "transactional").status());
        assertEquals(502, gateway.send(client, "+966501230000", "Your order #3 has shipped.", "transactional").status());
        assertSeedError(gateway.send(client, "+966501234567",
                "Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now", "transactional"), "policy_violation");
        Set<String> exposed = scrape().names();

        Path docs = Path.of("..", "docs");
        String dashboard = Files.readString(docs.resolve("grafana").resolve("gateway-dashboard.json"));
        Set<String> dashboardMetrics = metricNames(expressions(dashboard));
        assertTrue(dashboardMetrics.size() >= 10, "metrics found in the dashboard: " + dashboardMetrics);
        Set<String> missing = new TreeSet<>(dashboardMetrics);
        missing.removeAll(exposed);
        assertEquals(Set.of(), missing, "metrics the dashboard uses and the gateway does not expose");

        Set<String> guideMetrics = metricNames(guideNames(Files.readString(docs.resolve("operations.md"))));
        assertTrue(guideMetrics.size() >= 10, "metrics found in docs/operations.md: " + guideMetrics);
        Set<String> undocumented = new TreeSet<>(guideMetrics);
        // A histogram is described by its name; its series are _bucket, _count, _sum.
        undocumented.removeIf(name -> exposed.contains(name) || exposed.contains(name + "_count"));
        assertEquals(Set.of(), undocumented, "metrics docs/operations.md names and the gateway does not expose");
        Set<String> gatewayMetrics = new TreeSet<>(exposed.stream().filter(n -> n.startsWith("gateway_"))
                .map(n -> n.replaceAll("_(bucket|count|sum|max)$", "")).toList());
        gatewayMetrics.removeAll(guideMetrics.stream().map(n -> n.replaceAll("_(bucket|count|sum|max)$", "")).toList());
        assertEquals(Set.of(), gatewayMetrics, "gateway metrics docs/operations.md does not describe");
    }

    /**
     * What the operations guide's Metrics section names as metrics: the first cell of each row of its table, and the
     * PromQL expressions (backticked spans with a parenthesis or a comparison) of its alerts.
     */
    private static List<String> guideNames(String guide) {
        int start = guide.indexOf("\n## Metrics");
        assertTrue(start >= 0, "docs/operations.md has a Metrics section");
        int end = guide.indexOf("\n## ", start + 1);
        String section = guide.substring(start, end < 0 ? guide.length() : end);
        List<String> found = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| `")) {
                found.add(line.split("\\|")[1]);
            }
            Matcher code = Pattern.compile("`([^`]*[(>][^`]*)`").matcher(line);
            while (code.find()) {
                found.add(code.group(1));
            }
        }
        return found;
    }

    /** The "expr" strings of a Grafana dashboard. */
    private static List<String> expressions(String dashboard) {
        List<String> found = new ArrayList<>();
        Matcher expr = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dashboard);
        while (expr.find()) {
            found.add(expr.group(1));
        }
        return found;
    }

    private static Set<String> metricNames(List<String> texts) {
        Set<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:gateway|jvm|process|system)_[a-z0-9_]+)\\b");
        for (String text : texts) {
            Matcher m = metric.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static PrometheusText scrape() {
        Response metrics = gateway.call("GET", "/observe/metrics", null, Map.of());
        assertEquals(200, metrics.status(), metrics.body());
        assertTrue(metrics.header("Content-Type").orElseThrow().startsWith("text/plain"), metrics.headers().toString());
        return PrometheusText.parse(metrics.body());
    }

    private static Map<String, Double> signalCounts(List<JsonObject> signals) {
        Map<String, Double> counts = new TreeMap<>();
        signals.forEach(signal -> counts.merge(signal.getString("name"), 1.0, Double::sum));
        return counts;
    }

    private static JsonObject latestRiskEvent(Client client) {
        return gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/risk-events", null).json()
                .getJsonArray("risk_events").getJsonObject(0);
    }

    private static String body(String instanceId, String phone, String message, String purpose) {
        return "{\"instance_id\": \"" + instanceId + "\", \"phone\": \"" + phone + "\", \"message\": \"" + message
                + "\", \"message_purpose\": \"" + purpose + "\"}";
    }

    /** A Scale instance with limits out of the way, so that only the rules under test refuse. */
    private static Client roomyClient() {
        Client client = gateway.newClient("scale");
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"per_minute_limit\": 100000}");
        return client;
    }
}
