package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10, "hostile input gets 4xx", against a whole gateway on a real PostgreSQL: at least 10,000 requests
 * generated from one seed over raw sockets, mixing ordinary sends with broken and deep bodies, U+0000 everywhere,
 * huge numbers, odd and duplicate headers, lying Content-Length and Content-Type, odd methods, random paths,
 * malformed escapes and non-ASCII request lines. Every request must be answered (within 10 s) below 500; every 4xx
 * in the seed's error shape; no answer may carry internals.
 *
 * <p>The seed is printed; {@code -Dfuzz.seed=...} replays a run and {@code -Dfuzz.requests=...} changes its size.
 */
class HostileInputFuzzTest {
    private static final long DEFAULT_SEED = 0x5EED_2026_1010L;
    private static final int TIME_OUT_MILLIS = 10_000;
    private static final int WORKERS = 4;
    private static final String META_APP_SECRET = "fuzz-app-secret";
    /** Text that only a leak could put in an answer (the generator's own text cannot contain any of these). */
    private static final List<String> INTERNALS = List.of("Exception", "exception", "java.", "jakarta.", "org.eclipse",
            "io.helidon", "hub.gateway", "Helidon", "SQL", "PSQL", "postgres", "Caused by", "\tat ", "parsson", "Parsson",
            "nested");

    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() {
        // GatewayUnderTest.onFreshDatabase(), plus Meta's app secret so that signed webhooks get past the signature
        // and the graph URL on a closed port, so that nothing ever leaves the machine.
        gateway = GatewayUnderTest.on(TestDatabase.shared().createDatabase(), Map.of(
                "GATEWAY_META_APP_SECRET", META_APP_SECRET,
                "GATEWAY_META_VERIFY_TOKEN", "verify",
                "GATEWAY_META_GRAPH_URL", "http://127.0.0.1:9"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void every_hostile_request_is_answered_below_500_in_the_error_shape_without_internals() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("fuzz.requests", 10_000);
        System.out.println("hostile input fuzz: seed " + seed + " (replay with -Dfuzz.seed=" + seed + "), " + count + " requests");

        Client client = gateway.newClient("scale");
        Client other = gateway.newClient("starter");
        HostileRequests.Identity who = new HostileRequests.Identity(client.apiKey(), client.instanceId(), other.instanceId(),
                other.accountId(), GatewayUnderTest.ADMIN_TOKEN, META_APP_SECRET);
        List<HostileRequests.Request> requests = new HostileRequests(seed, who).generate(count);

        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        int port = gateway.gateway().port();
        try (ExecutorService workers = Executors.newFixedThreadPool(WORKERS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        HostileRequests.Request request = requests.get(i);
                        kinds.computeIfAbsent(request.kind().replaceAll(" [0-9]+$", ""), k -> new LongAdder()).increment();
                        try {
                            RawHttp.Answer answer = RawHttp.exchange(port, request.bytes(), request.head(), TIME_OUT_MILLIS);
                            statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
                            String problem = problemWith(request, answer);
                            if (problem != null) {
                                failures.add("#" + i + " " + problem + "\n    request: " + request.shown()
                                        + "\n    answer: " + answer.status() + " " + shorten(answer.body()));
                            }
                        } catch (RawHttp.NoAnswer e) {
                            statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                            failures.add("#" + i + " no answer (" + e.getMessage() + ")\n    request: " + request.shown());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        Map<String, Long> byKind = new TreeMap<>();
        kinds.forEach((kind, n) -> byKind.put(kind, n.sum()));
        System.out.println("hostile input fuzz: " + count + " requests in " + millis + " ms; answers by status "
                + byStatus + " (-1: no answer)");
        System.out.println("hostile input fuzz: requests by kind " + byKind);
        failures.stream().limit(30).forEach(f -> System.out.println("hostile input fuzz FAILURE " + f));

        assertEquals(count, byStatus.values().stream().mapToLong(Long::longValue).sum());
        assertTrue(failures.isEmpty(), failures.size() + " of " + count + " requests failed (seed " + seed + "); first: "
                + failures.stream().limit(5).toList());
    }

    /** Null when the answer keeps the rules; otherwise what it broke. */
    private static String problemWith(HostileRequests.Request request, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "answered " + answer.status();
        }
        for (String internal : INTERNALS) {
            if (answer.body().contains(internal) || answer.head().contains(internal)) {
                return "the answer carries internals (" + internal.strip() + ")";
            }
        }
        if (answer.status() >= 400 && !request.head()) {
            return errorShapeProblem(answer);
        }
        return null;
    }

    /** The seed's shape: exactly success=false, error, message, details{action, risk_score, ...}. */
    private static String errorShapeProblem(RawHttp.Answer answer) {
        if (!answer.header("content-type").orElse("").startsWith("application/json")) {
            return "a " + answer.status() + " that is not JSON";
        }
        JsonObject body;
        try {
            body = Json.createReader(new StringReader(answer.body())).readObject();
        } catch (RuntimeException e) {
            return "a " + answer.status() + " whose body is not a JSON object";
        }
        boolean shaped = body.size() == 4
                && body.get("success") == JsonValue.FALSE
                && body.get("error") instanceof JsonString
                && body.get("message") instanceof JsonString
                && body.get("details") instanceof JsonObject details
                && details.containsKey("action") && details.containsKey("risk_score");
        return shaped ? null : "a " + answer.status() + " not in the seed's error shape";
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("[^\\x20-\\x7e]", "?");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
