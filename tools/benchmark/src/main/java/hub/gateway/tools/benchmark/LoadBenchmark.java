package hub.gateway.tools.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a running gateway with concurrent valid sends spread over many instances and prints sends per
 * second and latency percentiles. Settings (environment): BENCH_URL (default http://localhost:8080),
 * BENCH_ADMIN_TOKEN (default: the token file in GATEWAY_DATA_DIR or ./data), BENCH_INSTANCES (50),
 * BENCH_CONCURRENCY (32), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5), BENCH_WARMUP_SENDS (0: sends made as
 * fast as answers come back before the warm-up seconds begin), BENCH_WARMUP_UNTIL (epoch milliseconds: those
 * sends go on until then), BENCH_RATE (sends per second offered by all clients together; unset: each client
 * sends as fast as answers come back), BENCH_CPU_PIDS ({@code name=pid,…}: process trees whose CPU time per send
 * is reported, e.g. the gateway and the postmaster).
 *
 * <p>A gateway that has served only a few thousand sends still runs much of its send path in the JVM's
 * interpreter or its first compiler: measured then, a piece of code costs several times what it costs in a
 * gateway that has been up for an hour. BENCH_WARMUP_SENDS brings it to that state first.
 *
 * <p>Two benchmarks side by side must measure the same seconds: one that measures while the other warms up or
 * shuts down (and writes its JFR recording) is charged for the other's load, since sharing a core slows every
 * instruction. BENCH_WARMUP_UNTIL gives both the same moment to start from.
 *
 * <p>At a fixed rate, latency is measured from when a send was due, not when it went out, so that a slow
 * answer's queue behind it is counted (no coordinated omission). CPU time per send is the cost figure to
 * compare builds by: sends per second on a shared two-core machine move by ±20% between identical runs.
 *
 * <p>The load runs on the same two cores as the gateway and its database, so each client is a plain
 * HTTP/1.1 keep-alive socket with hand-written requests: the JDK's HttpClient cost as much CPU as the
 * gateway itself and would have measured the client.
 */
public final class LoadBenchmark {
    /** Where the gateway keeps its generated admin token (Gateway.ADMIN_TOKEN_FILE, copied: a tool links to no gateway module). */
    private static final String ADMIN_TOKEN_FILE = "admin-token";
    /**
     * Realistic transactional texts of the usual lengths, English and Arabic, some with a link: the risk
     * assessment's cost grows with the text. Each send's number makes its text unique, so the
     * duplicate-content rule is consulted but never refuses.
     */
    private static final List<String> MESSAGES = List.of(
            "Your order #%d has been shipped.",
            "Hi Sara, thanks for your order #%d at Bloom Home. We've received it and will let you know when it ships. Total: 348.50 SAR. Details: https://shop.example.com/orders/2041",
            "مرحبا أحمد، تم شحن طلبك رقم %d وسيصل خلال يومين. تتبع الشحنة: https://shop.example.sa/track",
            "Your verification code is %d. It expires in 10 minutes. Do not share it with anyone.",
            "تذكير: موعدك في عيادة الأسنان غداً الساعة 10:30 صباحاً. رقم الحجز %d. للإلغاء أو التعديل اتصل بنا.");
    private static final Pattern STRING_FIELD = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;

    private LoadBenchmark(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String base = env.getOrDefault("BENCH_URL", "http://localhost:8080");
        Path dataDir = Path.of(env.getOrDefault("GATEWAY_DATA_DIR", "./data"));
        String token = env.containsKey("BENCH_ADMIN_TOKEN") ? env.get("BENCH_ADMIN_TOKEN")
                : Files.readString(dataDir.resolve(ADMIN_TOKEN_FILE)).strip();
        int instances = Integer.parseInt(env.getOrDefault("BENCH_INSTANCES", "50"));
        int concurrency = Integer.parseInt(env.getOrDefault("BENCH_CONCURRENCY", "32"));
        Duration measured = Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_SECONDS", "30")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_WARMUP_SECONDS", "5")));
        long warmupSends = Long.parseLong(env.getOrDefault("BENCH_WARMUP_SENDS", "0"));
        long warmupUntil = Long.parseLong(env.getOrDefault("BENCH_WARMUP_UNTIL", "0"));
        double rate = Double.parseDouble(env.getOrDefault("BENCH_RATE", "0"));
        new LoadBenchmark(base, token).run(instances, concurrency, rate, cpuRoots(env.getOrDefault("BENCH_CPU_PIDS", "")),
                warmupSends, warmupUntil, warmup, measured);
    }

    private static Map<String, Long> cpuRoots(String spec) {
        Map<String, Long> roots = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] nameAndPid = entry.strip().split("=");
            if (nameAndPid.length == 2 && !nameAndPid[1].isBlank()) {
                roots.put(nameAndPid[0].strip(), Long.parseLong(nameAndPid[1].strip()));
            }
        }
        return roots;
    }

    private void run(int instanceCount, int concurrency, double rate, Map<String, Long> cpuRoots,
                     long warmupSends, long warmupUntil, Duration warmup, Duration measured) throws Exception {
        String account = field(admin("/admin/accounts", "{\"name\": \"Benchmark\"}"), "account_id");
        String apiKey = field(admin("/admin/accounts/" + account + "/api-keys", ""), "api_key");
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < instanceCount; i++) {
            String id = field(admin("/admin/instances", "{\"account_id\": \"" + account
                    + "\", \"name\": \"Benchmark " + i + "\", \"plan\": \"scale\"}"), "instance_id");
            patch("/admin/instances/" + id, "{\"daily_limit\": 10000000, \"monthly_limit\": 10000000, \"per_minute_limit\": 10000000}");
            instances.add(id);
        }
        System.out.printf("load: %d instances, %d concurrent clients, %s, %d s warm-up, %d s measured, against %s%n",
                instanceCount, concurrency, rate > 0 ? String.format("%.0f sends/s offered", rate) : "closed loop",
                warmup.toSeconds(), measured.toSeconds(), base);

        AtomicLong sequence = new AtomicLong();
        if (warmupSends > 0 || warmupUntil > System.currentTimeMillis()) {
            long started = System.nanoTime();
            sendAsFastAsAnswered(apiKey, instances, concurrency, sequence, warmupSends, warmupUntil);
            System.out.printf("warmed up with %d sends as fast as answered, in %.0f s%n", sequence.get(),
                    (System.nanoTime() - started) / 1e9);
        }
        Histogram latency = new ConcurrentHistogram(Duration.ofSeconds(60).toNanos(), 3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long begins = System.nanoTime();
        long warmEnds = begins + warmup.toNanos();
        long ends = warmEnds + measured.toNanos();
        // Each client's own schedule at a fixed rate: client c sends at begins + (c + k * clients) / rate.
        long clientIntervalNanos = rate > 0 ? (long) (concurrency * 1e9 / rate) : 0;

        Thread cpuSampler = Thread.ofVirtual().start(() -> sampleCpu(cpuRoots, warmEnds, ends, statuses));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            long firstDue = begins + (clientIntervalNanos / concurrency) * c;
            clients.add(Thread.ofVirtual().start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(URI.create(base))) {
                    clientLoop(connection, apiKey, instances, sequence, firstDue, clientIntervalNanos, warmEnds, ends,
                            latency, statuses);
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        print(latency, statuses, measured);
        cpuSampler.join();
    }

    /** Closed-loop sends from every client until {@code count} have been made and the time has come; nothing is recorded. */
    private void sendAsFastAsAnswered(String apiKey, List<String> instances, int concurrency, AtomicLong sequence,
                                      long count, long untilEpochMillis) throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(URI.create(base))) {
                    for (long n = sequence.getAndIncrement(); n < count || System.currentTimeMillis() < untilEpochMillis;
                         n = sequence.getAndIncrement()) {
                        connection.post("/api/send-message", apiKey, sendBody(instances, n));
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
    }

    /** Reads the process trees' CPU time at the start and the end of the measured window. */
    private static void sampleCpu(Map<String, Long> roots, long warmEnds, long ends, Map<Integer, LongAdder> statuses) {
        if (roots.isEmpty()) {
            return;
        }
        // The first tree is the gateway's JVM: its JIT compiler threads are reported apart.
        long jvm = roots.values().iterator().next();
        sleepUntil(warmEnds);
        Map<String, Long> before = ProcessCpu.sample(roots);
        long jitBefore = ProcessCpu.jitNanos(jvm);
        sleepUntil(ends);
        Map<String, Long> after = ProcessCpu.sample(roots);
        long jit = ProcessCpu.jitNanos(jvm) - jitBefore;
        // Answers finishing in the window; the clients stop sending at its end, so the count is final soon after.
        sleepUntil(ends + 200_000_000L);
        long answered = statuses.values().stream().mapToLong(LongAdder::sum).sum();
        if (answered == 0 || before.isEmpty()) {
            System.out.println("CPU per answer: not measured (no /proc, or no answers)");
            return;
        }
        StringBuilder line = new StringBuilder("CPU per answer, µs:");
        long total = 0;
        for (String name : before.keySet()) {
            long used = after.getOrDefault(name, before.get(name)) - before.get(name);
            total += used;
            line.append(String.format(" %s %.0f ", name, used / 1e3 / answered));
        }
        line.append(String.format(" total %.0f  (%d answers; %.2f cores busy)", total / 1e3 / answered, answered,
                total / (double) (ends - warmEnds)));
        System.out.println(line);
        System.out.printf("CPU per answer without JIT compilation, µs: %.0f  (the gateway's compiler threads took %.0f)%n",
                (total - jit) / 1e3 / answered, jit / 1e3 / answered);
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void clientLoop(KeepAliveConnection connection, String apiKey, List<String> instances,
                                   AtomicLong sequence, long firstDue, long intervalNanos, long warmEnds, long ends,
                                   Histogram latency, Map<Integer, LongAdder> statuses) {
        long due = firstDue;
        while (true) {
            if (intervalNanos > 0) {
                sleepUntil(due);
            }
            String body = sendBody(instances, sequence.getAndIncrement());
            long started = intervalNanos > 0 ? due : System.nanoTime();
            due += intervalNanos;
            if (started >= ends) {
                return;
            }
            int status = connection.post("/api/send-message", apiKey, body);
            long finished = System.nanoTime();
            if (started >= warmEnds && finished <= ends) {
                latency.recordValue(finished - started);
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        }
    }

    /** The n-th send: instances in turn, a new recipient and a unique text each time. */
    private static String sendBody(List<String> instances, long n) {
        return "{\"instance_id\": \"" + instances.get((int) (n % instances.size()))
                // Ends in 1: the sandbox fails numbers ending in 0000 on purpose.
                + "\", \"phone\": \"+9665" + String.format("%07d1", n % 10_000_000)
                + "\", \"message\": \"" + MESSAGES.get((int) (n % MESSAGES.size())).formatted(n)
                + "\", \"message_purpose\": \"transactional\"}";
    }

    private static void print(Histogram latency, Map<Integer, LongAdder> statuses, Duration measured) {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        long sent = counts.getOrDefault(200, 0L);
        System.out.printf("answers by status: %s%n", counts);
        System.out.printf("sends/s: %.0f%n", sent / (double) measured.toSeconds());
        System.out.printf("latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
    }


    private String admin(String path, String body) throws IOException, InterruptedException {
        return adminCall("POST", path, body);
    }

    private void patch(String path, String body) throws IOException, InterruptedException {
        adminCall("PATCH", path, body);
    }

    private String adminCall(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile(String.format(STRING_FIELD.pattern(), name)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
