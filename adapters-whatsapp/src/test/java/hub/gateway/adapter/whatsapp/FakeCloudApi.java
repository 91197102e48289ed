package hub.gateway.adapter.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A stand-in for the Graph API on loopback: it records every request and answers as a test tells it. */
final class FakeCloudApi implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Holds a "slow" answer until the test is over, so a time-out is certain. */
    private final CountDownLatch released = new CountDownLatch(1);
    private static final Answer ACCEPTED = new Answer(200, "application/json",
            "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"966501234567\",\"wa_id\":\"966501234567\"}],"
                    + "\"messages\":[{\"id\":\"wamid.HBgMOTY2NTAxMjM0NTY3FQIAERgSQUFBQkJCQ0NDRERERUVFRkZGAA==\"}]}",
            false);
    private volatile Answer answer = ACCEPTED;
    /** Answers by path prefix ("/v21.0/{waba}/message_templates"), before the one answer for every other path. */
    private final Map<String, java.util.function.Function<String, Answer>> byPath = new java.util.concurrent.ConcurrentHashMap<>();

    FakeCloudApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI graphUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0");
    }

    /** The server's root, for a WAHA server's base URL. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answers(int status, String contentType, String body) {
        answer = new Answer(status, contentType, body, false);
    }

    void answersError(int status, String errorJson) {
        answers(status, "application/json", "{\"error\":" + errorJson + "}");
    }

    /** Back to the default: the message is taken (a held answer stays held). */
    void answersAccepted() {
        answer = ACCEPTED;
    }

    void neverAnswers() {
        answer = new Answer(200, "application/json", "{}", true);
    }

    /** Reads the request, announces a 200 with a longer body than it sends, and hangs up mid-answer. */
    void dropsTheConnectionMidAnswer() {
        answer = new Answer(200, "application/json", null, false);
    }

    /** Answers requests whose path starts with {@code path} from their query string (null when none). */
    void answersOn(String path, java.util.function.Function<String, String> bodyForQuery) {
        byPath.put(path, query -> new Answer(200, "application/json", bodyForQuery.apply(query), false));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT), e -> e.getValue().getFirst(),
                                (a, b) -> a))),
                new String(body, StandardCharsets.UTF_8), exchange.getRequestURI().getRawQuery()));
        String path = exchange.getRequestURI().getPath();
        Answer current = byPath.entrySet().stream().filter(e -> path.startsWith(e.getKey())).findFirst()
                .map(e -> e.getValue().apply(exchange.getRequestURI().getRawQuery())).orElse(answer);
        if (current.slow()) {
            awaitRelease();
        }
        if (current.body() == null) {
            exchange.getResponseHeaders().set("Content-Type", current.contentType());
            exchange.sendResponseHeaders(current.status(), 1_000);
            exchange.getResponseBody().write("{\"messaging_product\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            // Closing short of the announced length makes the server drop the connection.
            exchange.close();
            return;
        }
        byte[] out = current.body().getBytes(StandardCharsets.UTF_8);
        if (current.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", current.contentType());
        }
        exchange.sendResponseHeaders(current.status(), out.length == 0 ? -1 : out.length);
        try (var stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    private void awaitRelease() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    record Received(String method, String path, Map<String, String> headers, String body, String query) {
    }

    private record Answer(int status, String contentType, String body, boolean slow) {
    }
}
