package hub.gateway.bootstrap;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** A client's webhook endpoint on loopback: records every delivery and answers as the test scripts it. */
final class WebhookReceiver implements AutoCloseable {
    record Delivery(Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Delivery> received = new ArrayList<>();
    private final Deque<Integer> scriptedStatuses = new ArrayDeque<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
            int status;
            synchronized (this) {
                received.add(new Delivery(headers, body));
                status = scriptedStatuses.isEmpty() ? 200 : scriptedStatuses.removeFirst();
                notifyAll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next answers, in order; after them, 200. */
    synchronized void answer(Integer... statuses) {
        scriptedStatuses.addAll(List.of(statuses));
    }

    /** What arrived; every delivery a test looks at is held to the description's {@code webhooks} first. */
    synchronized List<Delivery> received() {
        received.forEach(delivery -> OpenApiAnswers.checkEvent(delivery.headers(), delivery.body()));
        return List.copyOf(received);
    }

    /** Waits until {@code count} deliveries have arrived, or fails after {@code within}. */
    synchronized List<Delivery> await(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " webhook deliveries, got " + received.size() + ": " + received);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
