package hub.gateway.bootstrap;

import hub.gateway.testdb.Eventually;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A gateway run as a process of its own, as {@code ./gateway} runs it, for the tests that must kill or restart
 * one: launched from the test class path with only the settings given, its output in a log file.
 */
final class GatewayProcess {
    private GatewayProcess() {
    }

    /** Every GATEWAY_ variable of the test's own environment is dropped, so only {@code settings} count. */
    static Process launch(Path logDir, Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "hub.gateway.bootstrap.Main"))
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("gateway-" + System.nanoTime() + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    /** Waits until the process answers 200 on /observe/health; fails at once if it exits first. */
    static void awaitHealthy(int port, Process process, Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build();
        Eventually.assertSeenWithin(within, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway exited with " + process.exitValue());
            }
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException stillStarting) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }, "the gateway becomes healthy");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
