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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Meta's WhatsApp Cloud API as far as the gateway uses it, on loopback: records requests, answers as scripted. */
final class FakeCloudApi implements AutoCloseable {
    /**
     * @param receivedNanos {@link System#nanoTime()} when the request arrived
     * @param query         the raw query string, null when none
     */
    record Request(String path, String authorization, String body, long receivedNanos, String query) {
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> scripted = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();
    /** A WhatsApp Business Account's message_templates, page by page (each a JSON array of Meta's templates). */
    private final java.util.Map<String, List<String>> templatePages = new java.util.HashMap<>();
    /** Counted down: answers go out at once. A fresh latch holds every answer until it is released. */
    private CountDownLatch holding = new CountDownLatch(0);
    /** How long every answer waits before it goes out: a slow Meta, for the gateway's read time-out. */
    private Duration delay = Duration.ZERO;

    FakeCloudApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long received = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            CountDownLatch hold;
            Duration wait;
            synchronized (this) {
                String query = exchange.getRequestURI().getRawQuery();
                requests.add(new Request(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body, received, query));
                hold = holding;
                wait = delay;
                java.util.Optional<Answer> templates = templatePage(exchange.getRequestURI().getPath(), query);
                answer = templates.isPresent() ? templates.get() : scripted.isEmpty()
                        ? new Answer(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                        + "\"messages\":[{\"id\":\"wamid.TEST" + ids.incrementAndGet() + "\"}]}")
                        : scripted.removeFirst();
            }
            try {
                hold.await();
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
    }

    /**
     * {@code GET /v21.0/{waba}/message_templates} answers these pages in turn: each but the last with a
     * {@code paging.next} to the following one ({@code after=<index>}), as Meta pages its lists.
     */
    synchronized void listsTemplates(String waba, List<String> pages) {
        templatePages.put(waba, List.copyOf(pages));
    }

    private java.util.Optional<Answer> templatePage(String path, String query) {
        return templatePages.entrySet().stream()
                .filter(entry -> path.equals("/v21.0/" + entry.getKey() + "/message_templates"))
                .findFirst()
                .map(entry -> {
                    int page = query != null && query.matches(".*(^|&)after=\\d+.*")
                            ? Integer.parseInt(query.replaceAll(".*(^|&)after=(\\d+).*", "$2")) : 0;
                    List<String> pages = entry.getValue();
                    String paging = page + 1 < pages.size()
                            ? ",\"paging\":{\"cursors\":{\"after\":\"" + (page + 1) + "\"},\"next\":\"" + url() + "/"
                            + entry.getKey() + "/message_templates?fields=name&limit=100&after=" + (page + 1) + "\"}" : "";
                    return new Answer(200, "{\"data\":" + pages.get(Math.min(page, pages.size() - 1)) + paging + "}");
                });
    }

    synchronized void answerNext(int status, String body) {
        scripted.add(new Answer(status, body));
    }

    /** From now on every request is recorded at once but answered only after {@link #releaseAnswers()}. */
    synchronized void holdAnswers() {
        holding = new CountDownLatch(1);
    }

    /** From now on every answer goes out {@code delay} after its request arrived. */
    synchronized void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    synchronized void releaseAnswers() {
        holding.countDown();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        releaseAnswers();
        server.stop(0);
    }
}
