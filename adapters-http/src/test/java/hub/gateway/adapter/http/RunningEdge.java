package hub.gateway.adapter.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static hub.gateway.adapter.http.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge as the route tests see it: a real {@link GatewayHttp} on a free port with fake use cases behind it,
 * and a client that talks to it. Registered as a static extension, it starts before a class's tests and stops
 * after them. Answers stay {@link HttpResponse}s because tests look at headers and the request.
 */
final class RunningEdge implements BeforeAllCallback, AfterAllCallback {
    private final FakeUseCases fakes;
    private final String adminToken;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayHttp gateway;

    private RunningEdge(FakeUseCases fakes, String adminToken) {
        this.fakes = fakes;
        this.adminToken = adminToken;
    }

    static RunningEdge onFreePort(FakeUseCases fakes, String adminToken) {
        return new RunningEdge(fakes, adminToken);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fakes.adminToken.set(Optional.of(adminToken));
        gateway = GatewayHttp.start(fakes.useCases(), new GatewayHttp.Settings(0));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateway.close();
    }

    int port() {
        return gateway.port();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + gateway.port() + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return call("GET", path, Map.of(), null);
    }

    /** A text body, or none when {@code body} is null. */
    HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        return send(request(path, headers)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Raw bytes, for bodies that must arrive exactly as written (signed webhooks). */
    HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws Exception {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** For requests the other methods cannot build, e.g. a body of unknown length. */
    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return request;
    }

    static JsonObject json(HttpResponse<String> res) {
        try (JsonReader reader = JSON.createReader(new StringReader(res.body()))) {
            return reader.readObject();
        }
    }

    /** The error shape every error answer shares: four fields, and details carrying action and risk_score. */
    static void assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals("application/json", res.headers().firstValue("Content-Type").orElse(""));
        JsonObject body = json(res);
        assertEquals(4, body.size(), res.body());
        assertFalse(body.getBoolean("success"));
        assertEquals(code, body.getString("error"));
        assertFalse(body.getString("message").isBlank());
        assertTrue(body.getJsonObject("details").containsKey("action"));
        assertTrue(body.getJsonObject("details").containsKey("risk_score"));
    }
}
