package hub.gateway.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The description ({@code openapi/gateway.yaml}) and the server cannot drift: the routes the edge's services
 * declare are exactly the description's paths and methods, every row of the error catalogue is in it with its
 * status and exact text, and {@code GET /openapi} serves the file as it is. Nothing here writes the description:
 * the file is the contract.
 */
class OpenApiDescriptionTest {
    private static final String ADMIN_TOKEN = "openapi-admin-token";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");

    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(new FakeUseCases(), ADMIN_TOKEN);

    private static final JsonObject DESCRIPTION = OpenApiDocument.toJson(OpenApiDocument.text()).asJsonObject();

    /**
     * The one exclusion, by contract §11: the description covers the JSON API; HTML pages, and the assets only they
     * load, are not part of it. {@code /docs} and its script are named one by one, and must be served, so that the
     * exclusion cannot hide a JSON route; a described path among them fails the test too.
     */
    private static final Set<String> HTML_PAGES = Set.of(
            "GET " + DocsPage.PATH,
            "GET " + DocsPage.load().scriptPath());

    /**
     * The operator console (contract §12) is HTML pages and the forms they post, all under one prefix that no JSON
     * route uses: its routes are left out by that prefix (there are many, and more will come), and the description
     * must name none of them. That they answer HTML, never JSON, is ConsoleRoutesTest's to show.
     */
    private static final String CONSOLE = ConsoleHtml.PREFIX + "/";

    @Test
    void everyRouteOfTheServerIsDescribedAndEveryDescribedRouteExists() {
        Set<String> served = new TreeSet<>();
        GatewayHttp.services(new FakeUseCases().useCases(), new GatewayHttp.Settings(0),
                OpenApiDocument.load()).forEach((prefix, services) -> {
                    for (HttpService service : services) {
                        service.routing(new RecordingRules(prefix, served));
                    }
                });
        Set<String> described = new TreeSet<>();
        DESCRIPTION.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + normalized(path))));

        // A vacuous pass would need both sides empty; the gateway has some twenty routes.
        assertTrue(served.size() > 20, "routes recorded: " + served);
        assertTrue(served.containsAll(HTML_PAGES), "HTML pages left out of the description but not served: " + HTML_PAGES);
        served.removeAll(HTML_PAGES);
        Set<String> console = new TreeSet<>(served.stream().filter(route -> route.split(" ", 2)[1].startsWith(CONSOLE)).toList());
        assertTrue(console.contains("GET " + ConsoleHtml.PREFIX + "/") && console.contains("POST " + ConsoleHtml.SIGN_IN),
                "the console's pages are served: " + console);
        assertEquals(Set.of(), described.stream().filter(route -> route.split(" ", 2)[1].startsWith(ConsoleHtml.PREFIX))
                .collect(java.util.stream.Collectors.toSet()), "console pages in the description");
        served.removeAll(console);
        Set<String> undescribed = new TreeSet<>(served);
        undescribed.removeAll(described);
        Set<String> absent = new TreeSet<>(described);
        absent.removeAll(served);
        assertEquals(Set.of(), undescribed, "routes the server has and the description lacks");
        assertEquals(Set.of(), absent, "routes the description names and the server does not have");
    }

    @Test
    void everyRowOfTheErrorCatalogueIsDescribedWithItsStatusAndExactText() {
        Set<String> described = describedErrors();
        List<String> missing = new ArrayList<>();
        for (ErrorCatalog row : ErrorCatalog.values()) {
            String error = row.status() + " " + row.code() + " " + row.message();
            if (!described.contains(error)) {
                missing.add(error);
            }
        }
        assertEquals(List.of(), missing, "catalogue rows missing from the description (described: " + described + ")");
    }

    @Test
    void openapiServesTheFileAsItIsAndItsJsonOnRequest() throws Exception {
        HttpResponse<String> yaml = edge.get("/openapi");
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
        assertEquals(OpenApiDocument.text(), yaml.body());

        HttpResponse<String> json = edge.call("GET", "/openapi", Map.of("Accept", "application/json"), null);
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject served = RunningEdge.json(json);
        assertEquals(DESCRIPTION, served);
        assertEquals("3.1.0", served.getString("openapi"));

        HttpResponse<String> wrongMethod = edge.call("POST", "/openapi", Map.of(), "");
        RunningEdge.assertError(wrongMethod, 405, "method_not_allowed");
    }

    @Test
    void theDescriptionParsesWithoutProblemsAsClientGeneratorsReadIt() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(OpenApiDocument.text(), null, options);
        assertEquals(List.of(), parsed.getMessages(), "swagger-parser's complaints about the description");
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertTrue(parsed.getOpenAPI().getPaths().size() > 20, "paths: " + parsed.getOpenAPI().getPaths().keySet());
        assertEquals(Set.of("recipient.opted_out", "recipient.opted_in", "instance.paused_for_review"),
                parsed.getOpenAPI().getWebhooks().keySet());
    }

    /** "status code message" of every error example that a described response (by status, or default) uses. */
    private static Set<String> describedErrors() {
        Set<String> described = new TreeSet<>();
        JsonObject components = DESCRIPTION.getJsonObject("components");
        DESCRIPTION.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (!HTTP_METHODS.contains(method)) {
                return;
            }
            operation.asJsonObject().getJsonObject("responses").forEach((status, response) -> {
                JsonObject resolved = resolve(components, response.asJsonObject());
                JsonObject content = resolved.getJsonObject("content");
                if (content == null || !content.containsKey("application/json")) {
                    return;
                }
                JsonObject examples = content.getJsonObject("application/json").getJsonObject("examples");
                if (examples == null) {
                    return;
                }
                examples.values().forEach(example -> {
                    JsonObject exampleObject = resolve(components, example.asJsonObject());
                    JsonObject value = exampleObject.getJsonObject("value");
                    int exampleStatus = exampleObject.getInt("x-status");
                    if (!"default".equals(status)) {
                        assertEquals(Integer.parseInt(status), exampleStatus,
                                "example " + value.getString("error") + " under " + status + " of " + method + " " + path);
                    }
                    described.add(exampleStatus + " " + value.getString("error") + " " + value.getString("message"));
                });
            });
        }));
        return described;
    }

    private static JsonObject resolve(JsonObject components, JsonObject node) {
        JsonValue ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String[] parts = ((jakarta.json.JsonString) ref).getString().split("/");
        // "#/components/<kind>/<name>"
        return components.getJsonObject(parts[2]).getJsonObject(parts[3]);
    }

    /** Parameter names do not matter to routing: {@code /a/{id}} and {@code /a/{x}} are one route. */
    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    /**
     * Records what a service declares: each method and path it serves. {@code any} with a path is the
     * method-not-allowed answer of a served path and {@code any} without one a guard; neither is a route of its
     * own. A route added in any other way fails the test, so nothing escapes the comparison unseen.
     */
    private record RecordingRules(String prefix, Set<String> routes) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService service : services) {
                service.routing(this);
            }
            return this;
        }

        @Override
        public HttpRules register(String pathPattern, HttpService... services) {
            for (HttpService service : services) {
                service.routing(new RecordingRules(prefix + pathPattern, routes));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            throw new AssertionError("a route added without a method and path cannot be compared with the description");
        }

        @Override
        public HttpRules route(Method method, String pathPattern, Handler handler) {
            routes.add(method.text() + " " + normalized(prefix + pathPattern));
            return this;
        }

        @Override
        public HttpRules any(String pathPattern, Handler... handlers) {
            return this;
        }

        @Override
        public HttpRules any(Handler... handlers) {
            return this;
        }
    }
}
