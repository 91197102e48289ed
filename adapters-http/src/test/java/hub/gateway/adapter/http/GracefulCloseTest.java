package hub.gateway.adapter.http;

import hub.gateway.application.port.in.SendMessageResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request already being served when the gateway closes still gets its answer. */
class GracefulCloseTest {
    @Test
    void close_lets_an_in_flight_request_finish() throws Exception {
        FakeUseCases fakes = new FakeUseCases();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        fakes.send.set(command -> {
            entered.countDown();
            // Held until the close is surely under way, so the request is in flight when it begins.
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SendMessageResult.Sent("wamid.slow", 9, Quotas.FIRST_SEND);
        });
        GatewayHttp gateway = GatewayHttp.start(fakes.useCases(), new GatewayHttp.Settings(0));
        int port = gateway.port();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/send-message"))
                .header("Authorization", "Bearer " + FakeUseCases.GOOD_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        CompletableFuture<HttpResponse<String>> answer =
                HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(5, TimeUnit.SECONDS));

        CompletableFuture<Void> closed = CompletableFuture.runAsync(gateway::close, runnable -> Thread.ofPlatform().start(runnable));
        // The positive signal that the close has begun: the server no longer takes connections.
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            while (accepts(port)) {
                Thread.sleep(20);
            }
        });
        assertFalse(answer.isDone(), "the request was still in flight when the close began");
        closing.countDown();

        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("wamid.slow"));
        closed.get(15, TimeUnit.SECONDS);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
