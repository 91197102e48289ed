package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.StoppablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10, "never a hang" and "never a send the client did not wait for": a gateway whose PostgreSQL really
 * stops under concurrent senders, and starts again on the same data directory and port.
 */
class DatabaseOutageTest {
    private static final int SENDERS = 20;
    private static final Duration DEADLINE = Duration.ofMillis(1_500);
    /** The contract's bound for an answer while the database is away, measured at the client. */
    private static final Duration OUTAGE_ANSWER = Duration.ofSeconds(2);
    private static final Duration HEALTH_DOWN_WITHIN = Duration.ofSeconds(5);
    private static final Duration RECOVERED_WITHIN = Duration.ofSeconds(10);
    /**
     * Between the gateway's last deadline check and the fake Cloud API's receipt there is one loopback request,
     * and the client starts its clock a moment before the gateway does; a message sent 30 s late (what happened
     * before the deadline existed) is far outside this.
     */
    private static final Duration HANDOVER_ALLOWANCE = Duration.ofSeconds(1);
    private static final Pattern SEQUENCE = Pattern.compile("Outage check #(\\d+) ");

    @TempDir
    Path dataDir;

    /** One send as the client saw it. */
    record Attempt(int sequence, long startedNanos, long answeredNanos, Response response) {
        Duration took() {
            return Duration.ofNanos(answeredNanos - startedNanos);
        }
    }

    record HealthProbe(long atNanos, int status, Optional<String> retryAfter) {
    }

    @Test
    void whileTheDatabaseIsStoppedEveryAnswerIsAFast503AndNothingIsSentLate() throws Exception {
        try (StoppablePostgres postgres = StoppablePostgres.startIn(dataDir);
             FakeCloudApi cloud = new FakeCloudApi();
             GatewayUnderTest gateway = GatewayUnderTest.on(postgres.jdbcUrl(), Map.of(
                     "GATEWAY_REQUEST_DEADLINE_MS", String.valueOf(DEADLINE.toMillis()),
                     "GATEWAY_META_GRAPH_URL", cloud.url(),
                     "GATEWAY_META_APP_SECRET", "outage-app-secret",
                     "GATEWAY_META_VERIFY_TOKEN", "outage-verify-token"))) {
            MetaLine line = metaLine(gateway, "1099077");

            ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<HealthProbe> health = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                int sender = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        int n = sequence.incrementAndGet();
                        long started = System.nanoTime();
                        Response response;
                        try {
                            response = gateway.send(line.apiKey(), line.body(sender, n));
                        } catch (RuntimeException e) {
                            response = new Response(-1, e.toString(), Map.of());
                        }
                        attempts.add(new Attempt(n, started, System.nanoTime(), response));
                        // A client that retries at once, bar a breath that keeps the test's log readable.
                        sleep(10);
                    }
                }));
            }
            threads.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    Response probe = gateway.call("GET", "/observe/health", null, Map.of());
                    health.add(new HealthProbe(System.nanoTime(), probe.status(), probe.header("Retry-After")));
                    sleep(100);
                }
            }));

            try {
                Eventually.assertSeenWithin(Duration.ofSeconds(30), () -> count(attempts, 200) >= SENDERS, "sends succeed before the outage");
                long stopIssued = System.nanoTime();
                postgres.stop();
                Eventually.assertSeenWithin(HEALTH_DOWN_WITHIN.plusSeconds(5), () -> healthSince(health, stopIssued, 503),
                        "health turns 503");
                // Long enough for every sender to meet the outage several times over, and for health's bound.
                long outageSeen = System.nanoTime();
                Eventually.assertSeenWithin(Duration.ofSeconds(30), () -> System.nanoTime() - stopIssued > HEALTH_DOWN_WITHIN.toNanos()
                        && attempts.stream().filter(a -> a.startedNanos() > outageSeen).count() >= 3L * SENDERS,
                        "sends answered during the outage");
                assertEquals(200, gateway.call("GET", "/observe/health/live", null, Map.of()).status());
                Response ready = gateway.call("GET", "/observe/health/ready", null, Map.of());
                assertEquals(503, ready.status());
                assertTrue(ready.header("Retry-After").isPresent());

                long restartIssued = System.nanoTime();
                postgres.start();
                long restarted = System.nanoTime();
                Eventually.assertSeenWithin(RECOVERED_WITHIN.plusSeconds(10), () -> healthSince(health, restarted, 200)
                        && attempts.stream().anyMatch(a -> a.startedNanos() > restarted && a.response().status() == 200),
                        "health and sends recover");
                running.set(false);
                for (Thread thread : threads) {
                    thread.join(Duration.ofSeconds(60));
                }

                // Every answer to a request sent while the database was away: a 503 in the seed's shape with
                // Retry-After, within the contract's 2 s.
                List<Attempt> duringOutage = attempts.stream()
                        .filter(a -> a.startedNanos() >= stopIssued && a.startedNanos() < restartIssued).toList();
                assertFalse(duringOutage.isEmpty());
                for (Attempt attempt : duringOutage) {
                    assertTrue(attempt.took().compareTo(OUTAGE_ANSWER) < 0,
                            "answered in " + attempt.took().toMillis() + " ms: " + attempt.response());
                    if (attempt.response().status() != 200) {
                        SendMessageEndToEndTest.assertShape(attempt.response(), 503, "service_unavailable");
                        assertRetryAfter(attempt.response());
                    }
                }
                assertTrue(duringOutage.stream().filter(a -> a.startedNanos() > outageSeen)
                        .allMatch(a -> a.response().status() == 503), "once health said 503, every send did");
                for (Attempt attempt : attempts) {
                    int status = attempt.response().status();
                    assertTrue(status == 200 || status == 503, "only 200 or 503: " + attempt.response());
                    if (status == 503) {
                        assertRetryAfter(attempt.response());
                    }
                }

                // Health: 503 within 5 s of the stop, every 503 with Retry-After; 200 within 10 s of the restart.
                long firstDown = health.stream().filter(h -> h.atNanos() > stopIssued && h.status() == 503)
                        .mapToLong(HealthProbe::atNanos).min().orElseThrow();
                assertTrue(firstDown - stopIssued < HEALTH_DOWN_WITHIN.toNanos(),
                        "health said 503 after " + (firstDown - stopIssued) / 1_000_000 + " ms");
                health.stream().filter(h -> h.status() == 503).forEach(h -> assertTrue(h.retryAfter().isPresent()));
                long firstUp = health.stream().filter(h -> h.atNanos() > restarted && h.status() == 200)
                        .mapToLong(HealthProbe::atNanos).min().orElseThrow();
                assertTrue(firstUp - restarted < RECOVERED_WITHIN.toNanos(),
                        "health said 200 after " + (firstUp - restarted) / 1_000_000 + " ms");
                long firstSent = attempts.stream().filter(a -> a.startedNanos() > restarted && a.response().status() == 200)
                        .mapToLong(Attempt::answeredNanos).min().orElseThrow();
                assertTrue(firstSent - restarted < RECOVERED_WITHIN.toNanos(),
                        "sent again after " + (firstSent - restarted) / 1_000_000 + " ms");

                // Nothing reached the transport after its request's deadline; every 200 did reach it.
                Map<Integer, Attempt> bySequence = new HashMap<>();
                attempts.forEach(a -> bySequence.put(a.sequence(), a));
                List<FakeCloudApi.Request> received = cloud.requests();
                for (FakeCloudApi.Request request : received) {
                    Matcher matcher = SEQUENCE.matcher(request.body());
                    assertTrue(matcher.find(), request.body());
                    Attempt attempt = bySequence.get(Integer.parseInt(matcher.group(1)));
                    long latest = attempt.startedNanos() + DEADLINE.plus(HANDOVER_ALLOWANCE).toNanos();
                    assertTrue(request.receivedNanos() <= latest, "message #" + attempt.sequence() + " reached the transport "
                            + (request.receivedNanos() - attempt.startedNanos()) / 1_000_000 + " ms after its request");
                }
                long answered200 = count(attempts, 200);
                assertTrue(received.size() >= answered200, received.size() + " received, " + answered200 + " answered 200");
                report(attempts, duringOutage, stopIssued, firstDown, restarted, firstUp, firstSent, received.size());
            } finally {
                running.set(false);
            }
        }
    }

    /** The network to the database is cut (connections dropped, new ones refused) rather than the server stopped. */
    @Test
    void aCutNetworkIsAnswered503WithinTheBound() {
        TestDatabase db = TestDatabase.shared();
        String database = db.createDatabase();
        URI target = URI.create(database.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            String viaProxy = database.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port());
            try (GatewayUnderTest gateway = GatewayUnderTest.on(viaProxy)) {
                Client client = gateway.newClient("starter");
                assertEquals(200, gateway.call("GET", "/observe/health", null, Map.of()).status());

                proxy.cut();
                // Past the caches' one second, so that every look-up must reach the database.
                sleep(1_200);
                for (int i = 0; i < 3; i++) {
                    long started = System.nanoTime();
                    Response send = gateway.send(client, "+966501234567", "Your order #9 has shipped.", "transactional");
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    SendMessageEndToEndTest.assertShape(send, 503, "service_unavailable");
                    assertRetryAfter(send);
                    assertTrue(tookMillis < OUTAGE_ANSWER.toMillis(), "answered in " + tookMillis + " ms");
                }
                Response health = gateway.call("GET", "/observe/health", null, Map.of());
                assertEquals(503, health.status());
                assertRetryAfter(health);
            }
        }
    }

    private static void assertRetryAfter(Response response) {
        String value = response.header("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After: " + response));
        assertTrue(Integer.parseInt(value) >= 1, value);
    }

    record MetaLine(String apiKey, String instanceId) {
        /** A recipient per sender and a text per send: no duplicate-content rule in the way. */
        String body(int sender, int sequence) {
            return "{\"instance_id\": \"" + instanceId + "\", \"phone\": \"" + String.format("+9665012%05d", sender)
                    + "\", \"message\": \"Outage check #" + sequence + " for your order.\","
                    + " \"message_purpose\": \"transactional\"}";
        }
    }

    static MetaLine metaLine(GatewayUnderTest gateway, String phoneNumberId) {
        Client client = gateway.newMetaClient("growth", phoneNumberId, "outage-access-token");
        gateway.setLimits(client.instanceId(), "{\"per_minute_limit\": 100000, \"daily_limit\": 100000, \"monthly_limit\": 100000}");
        // Free-form text on meta_cloud needs the recipient's window open (contract §13): senders 0 to 999 wrote just now.
        gateway.sql("""
                insert into customer_service_window (instance_id, phone, last_wrote_at)
                select ?, '+9665012' || lpad(g::text, 5, '0'), now() from generate_series(0, 999) g
                """, client.instanceId());
        return new MetaLine(client.apiKey(), client.instanceId());
    }

    private static long count(ConcurrentLinkedQueue<Attempt> attempts, int status) {
        return attempts.stream().filter(a -> a.response().status() == status).count();
    }

    private static boolean healthSince(ConcurrentLinkedQueue<HealthProbe> health, long since, int status) {
        return health.stream().anyMatch(h -> h.atNanos() > since && h.status() == status);
    }

    private static void report(ConcurrentLinkedQueue<Attempt> attempts, List<Attempt> duringOutage, long stopIssued,
                               long firstDown, long restarted, long firstUp, long firstSent, int received) {
        long slowest = duringOutage.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0);
        double mean = duringOutage.stream().mapToLong(a -> a.took().toMillis()).average().orElse(0);
        System.out.printf("outage: %d attempts (%d during the outage, slowest %d ms, mean %.1f ms); health 503 after %d ms;"
                        + " after restart health 200 after %d ms, first send 200 after %d ms; %d messages reached the transport%n",
                attempts.size(), duringOutage.size(), slowest, mean, (firstDown - stopIssued) / 1_000_000,
                (firstUp - restarted) / 1_000_000, (firstSent - restarted) / 1_000_000, received);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
