package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code GET /docs}: the API reference for people, rendered in their browser from {@code GET /openapi} by Redoc
 * (contract §11). The page ({@code docs/index.html} of this module) and Redoc's standalone bundle (from the
 * {@code org.webjars:redoc} jar) are both served by the gateway: no CDN, no other origin, works offline. Both are
 * read once, when the edge starts; a build without them does not start.
 * <p>
 * Decision (docs/design.md): Redoc rather than Swagger UI, because its standalone bundle is one script that reads
 * the YAML at {@code /openapi} from an element's attribute, so the page carries no script of its own and its policy
 * can forbid inline scripts; and a reference to read, with no "try it out" that would have people paste API keys
 * into a page.
 * <p>
 * Like the console's pages, {@code /docs} and its script are HTML-page routes, not part of the API the description
 * describes (OpenApiDescriptionTest names them as its one exclusion).
 */
final class DocsPage implements HttpService {
    static final String PATH = "/docs";
    private static final String PAGE = "/docs/index.html";
    private static final String SCRIPT_PLACEHOLDER = "{{redoc-script}}";
    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/redoc/pom.properties";
    private static final String WEBJAR_SCRIPT = "META-INF/resources/webjars/redoc/%s/redoc.standalone.js";
    /**
     * The one address outside the gateway that Redoc's bundle loads by itself: the logo in its sidebar's footer
     * (Redocly/redoc#2108, #2141: no option turns it off). Left alone it is a request to another origin on every
     * visit (blocked by the policy, and logged as a violation). Replaced, when the bundle is read, by an empty image
     * of the page's own; the bundle is otherwise served byte for byte.
     */
    static final String REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
    static final String NO_LOGO = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='0' height='0'/%3E";

    /**
     * Nothing but this origin, and of it only what the page uses: the script ({@code script-src 'self'}, no inline
     * script, no eval) and the description it fetches ({@code connect-src 'self'}). Beyond that, what Redoc really
     * needs, each seen refused in a browser without it: its styled components write {@code <style>} elements at run
     * time ({@code style-src 'unsafe-inline'}; there is no stylesheet file), its search index runs in a worker made
     * from a {@code blob:} URL, and its icons (and the page's empty favicon) are {@code data:} images. No frames,
     * forms, plugins or base URL; no page may frame it.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "connect-src 'self'",
            "worker-src blob:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    private final String scriptPath;
    private final Answer page;
    private final Answer script;

    private DocsPage(String redocVersion, String pageTemplate, byte[] redocScript) {
        // The version is in the script's path, so that the script can be cached for good: a new Redoc is a new path.
        this.scriptPath = PATH + "/redoc-" + redocVersion + ".standalone.js";
        Map<String, String> pageHeaders = new LinkedHashMap<>();
        pageHeaders.put(HeaderNames.CONTENT_TYPE.defaultCase(), "text/html; charset=UTF-8");
        pageHeaders.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        pageHeaders.put("X-Content-Type-Options", "nosniff");
        pageHeaders.put("Referrer-Policy", "no-referrer");
        // Small, and it names the script of this build: asked again on every visit (a 200 each time).
        pageHeaders.put(HeaderNames.CACHE_CONTROL.defaultCase(), "no-cache");
        this.page = new Answer(Status.OK_200.code(), pageHeaders,
                pageTemplate.replace(SCRIPT_PLACEHOLDER, scriptPath).getBytes(StandardCharsets.UTF_8));
        Map<String, String> scriptHeaders = new LinkedHashMap<>();
        scriptHeaders.put(HeaderNames.CONTENT_TYPE.defaultCase(), "text/javascript; charset=UTF-8");
        scriptHeaders.put("X-Content-Type-Options", "nosniff");
        scriptHeaders.put(HeaderNames.CACHE_CONTROL.defaultCase(), "public, max-age=31536000, immutable");
        this.script = new Answer(Status.OK_200.code(), scriptHeaders, redocScript);
    }

    static DocsPage load() {
        String template = new String(read(DocsPage.class.getResourceAsStream(PAGE), PAGE), StandardCharsets.UTF_8);
        if (!template.contains(SCRIPT_PLACEHOLDER)) {
            throw new IllegalStateException(PAGE + " does not name " + SCRIPT_PLACEHOLDER);
        }
        // Another module's resources: through the class loader (Class.getResourceAsStream looks in this module only).
        ClassLoader loader = DocsPage.class.getClassLoader();
        Properties webjar = new Properties();
        try (InputStream in = loader.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the Redoc webjar (" + WEBJAR_PROPERTIES + ") is missing from the build");
            }
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = webjar.getProperty("version");
        String script = WEBJAR_SCRIPT.formatted(version);
        return new DocsPage(version, template, withoutOutsideLogo(read(loader.getResourceAsStream(script), script)));
    }

    /** Latin-1 maps every byte to one char and back: only the ASCII address changes. */
    static byte[] withoutOutsideLogo(byte[] bundle) {
        return new String(bundle, StandardCharsets.ISO_8859_1).replace(REDOC_LOGO, NO_LOGO)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(InputStream resource, String name) {
        if (resource == null) {
            throw new IllegalStateException(name + " is missing from the build");
        }
        try (InputStream in = resource) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the page loads Redoc from. */
    String scriptPath() {
        return scriptPath;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, Answer.handler(req -> page))
                .any(PATH, Routes.methodNotAllowed("GET"))
                .get(scriptPath, Answer.handler(req -> script))
                .any(scriptPath, Routes.methodNotAllowed("GET"));
    }
}
