package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's stylesheet ({@code console/console.css} of this module), served from the jar to anyone: it holds
 * nothing secret, and the sign-in page needs it before there is a session. Read once, when the edge starts.
 */
final class ConsoleAssets implements HttpService {
    private static final String RESOURCE = "/console/console.css";
    static final String PATH = "/console.css";

    private final Answer stylesheet;

    private ConsoleAssets(byte[] css) {
        Map<String, String> headers = ConsoleHtml.securityHeaders();
        headers.put(HeaderNames.CONTENT_TYPE.defaultCase(), "text/css; charset=UTF-8");
        // Small, and it changes with the build: asked again on every page (the pages themselves are no-store).
        headers.put(HeaderNames.CACHE_CONTROL.defaultCase(), "no-cache");
        this.stylesheet = new Answer(Status.OK_200.code(), headers, css);
    }

    static ConsoleAssets load() {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new ConsoleAssets(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, Answer.handler(req -> stylesheet))
                .any(PATH, ConsoleHtml.methodNotAllowed("GET"));
    }
}
