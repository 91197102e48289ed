package hub.gateway.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /docs} over real HTTP: the page, its policy and the Redoc script it names, served by the edge itself. That
 * the page renders the description is for a real browser (the bootstrap module's DocsPageBrowserTest).
 */
class DocsPageTest {
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"([^\"]+)\"></script>");

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(new FakeUseCases(), "docs-admin-token");

    @Test
    void thePageNamesTheDescriptionAndAScriptOfThisOrigin() throws Exception {
        HttpResponse<String> page = edge.get("/docs");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=UTF-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(DocsPage.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(page.body().contains("<redoc spec-url=\"/openapi\"></redoc>"), page.body());
        Matcher script = SCRIPT.matcher(page.body());
        assertTrue(script.find(), page.body());
        assertEquals(DocsPage.load().scriptPath(), script.group(1));
        assertTrue(script.group(1).startsWith("/docs/"), script.group(1));
    }

    @Test
    void theScriptIsTheWebjarsRedocBundleWithoutItsOutsideLogoCachedForGood() throws Exception {
        String path = DocsPage.load().scriptPath();
        HttpResponse<byte[]> script = HTTP.send(java.net.http.HttpRequest.newBuilder(edge.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=UTF-8", script.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", script.headers().firstValue("Cache-Control").orElseThrow());
        String version = path.replaceAll(".*/redoc-(.*)\\.standalone\\.js", "$1");
        try (InputStream webjar = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/redoc/" + version + "/redoc.standalone.js")) {
            byte[] bundle = webjar.readAllBytes();
            assertTrue(new String(bundle, StandardCharsets.ISO_8859_1).contains(DocsPage.REDOC_LOGO),
                    "this Redoc loads its logo from elsewhere; if no longer, drop DocsPage's replacement");
            assertTrue(java.util.Arrays.equals(DocsPage.withoutOutsideLogo(bundle), script.body()),
                    "the webjar's bundle, but for its logo");
        }
        String served = new String(script.body(), StandardCharsets.ISO_8859_1);
        assertFalse(served.contains(DocsPage.REDOC_LOGO));
        assertTrue(served.contains(DocsPage.NO_LOGO));
    }

    @Test
    void otherMethodsAndOtherPathsAreRefusedAsJson() throws Exception {
        RunningEdge.assertError(edge.call("POST", "/docs", Map.of(), ""), 405, "method_not_allowed");
        RunningEdge.assertError(edge.call("DELETE", DocsPage.load().scriptPath(), Map.of(), null), 405, "method_not_allowed");
        RunningEdge.assertError(edge.get("/docs/redoc-0.0.0.standalone.js"), 404, "not_found");
    }
}
