package hub.gateway.adapter.http;

import hub.gateway.application.port.in.SendMessageResult;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request already being served when the gateway closes still gets its answer. */
class GracefulCloseTest {
    @Test
    void close_lets_an_in_flight_request_finish() throws Exception {
        FakeUseCases fakes = new FakeUseCases();
        CountDownLatch entered = new CountDownLatch(1);
        fakes.send.set(command -> {
            entered.countDown();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SendMessageResult.Sent("wamid.slow", 9);
        });
        GatewayHttp gateway = GatewayHttp.start(fakes.useCases(), new GatewayHttp.Settings(0, Optional.empty()));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/api/send-message"))
                .header("Authorization", "Bearer " + FakeUseCases.GOOD_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        CompletableFuture<HttpResponse<String>> answer =
                HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        gateway.close();
        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("wamid.slow"));
    }
}
