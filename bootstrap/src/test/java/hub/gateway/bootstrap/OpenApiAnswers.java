package hub.gateway.bootstrap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds every JSON answer the end-to-end tests receive to the OpenAPI description the gateway serves
 * ({@code openapi/gateway.yaml} of adapters-http, read from the class path as the running gateway reads it): the
 * answer's route and method must be described, its status must be described for that operation (or fall under
 * the operation's {@code default}), and its body must validate, with networknt's JSON Schema 2020-12 validator,
 * against the schema the description gives for that status. An answer to a path the description does not have
 * must be an error in the error shape. Nothing here is generated from the code: the file is the contract.
 */
final class OpenApiAnswers {
    private static final String RESOURCE = "openapi/gateway.yaml";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode DESCRIPTION = read();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> BY_POINTER = new ConcurrentHashMap<>();
    private static final List<Route> ROUTES = DESCRIPTION.get("paths").propertyNames().stream().map(Route::of).toList();
    private static final String ERROR = "/components/schemas/Error";

    private OpenApiAnswers() {
    }

    /** Fails with what is wrong when the answer does not match the description; returns quietly otherwise. */
    static void check(String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
        String path = pathAndQuery.split("\\?", 2)[0];
        boolean json = contentType.map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false);
        Optional<Route> route = ROUTES.stream().filter(candidate -> candidate.matches(path)).findFirst();
        JsonNode operation = route.map(r -> DESCRIPTION.get("paths").get(r.template()).get(method.toLowerCase(Locale.ROOT)))
                .orElse(null);
        String pointer;
        if (operation == null) {
            // Not a described operation: the edge's own 404 (unknown path) or 405 (method not served).
            if (status < 400) {
                throw new AssertionError(method + " " + path + " answered " + status
                        + " but the description has no such operation");
            }
            pointer = ERROR;
        } else {
            String key = operation.get("responses").has(String.valueOf(status)) ? String.valueOf(status) : "default";
            JsonNode response = operation.get("responses").get(key);
            if (response == null) {
                throw new AssertionError(method + " " + route.get().template() + " answered " + status
                        + ", a status its description does not list (and it has no default)");
            }
            String base = "/paths/" + escape(route.get().template()) + "/" + method.toLowerCase(Locale.ROOT)
                    + "/responses/" + escape(key);
            if (response.has("$ref")) {
                base = response.get("$ref").asString().substring(1);
                response = DESCRIPTION.at(base);
            }
            JsonNode content = response.get("content");
            if (!json) {
                boolean described = content != null && content.propertyNames().stream()
                        .anyMatch(type -> contentType.map(actual -> actual.startsWith(type)).orElse(false));
                if (!described && !body.isEmpty()) {
                    throw new AssertionError(method + " " + route.get().template() + " answered " + status + " as "
                            + contentType.orElse("(no content type)") + ", which its description does not list");
                }
                return;
            }
            if (content == null || !content.has("application/json")) {
                throw new AssertionError(method + " " + route.get().template() + " answered " + status
                        + " with JSON, which its description does not list");
            }
            pointer = base + "/content/" + escape("application/json") + "/schema";
        }
        if (!json) {
            if (status >= 400 && !body.isEmpty()) {
                throw new AssertionError(method + " " + path + " answered " + status + " without JSON: " + body);
            }
            return;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new AssertionError(method + " " + path + " answered " + status + " with a body that is not JSON: " + body, e);
        }
        List<com.networknt.schema.Error> problems = schema(pointer).validate(answer);
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + status + " with a body that does not match "
                    + "the description (" + pointer + "): " + problems + "\nbody: " + body);
        }
    }

    /**
     * A delivery to a client's webhook URL against the description's {@code webhooks}: its event must be described,
     * every header the description requires must be there and match its schema, and the body must validate.
     */
    static void checkEvent(Map<String, String> headers, String body) {
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new AssertionError("a webhook delivery whose body is not JSON: " + body, e);
        }
        String type = event.path("event").asString("");
        if (!DESCRIPTION.get("webhooks").has(type)) {
            throw new AssertionError("a webhook event the description does not have: " + body);
        }
        String base = "/webhooks/" + escape(type) + "/post";
        JsonNode parameters = DESCRIPTION.at(base + "/parameters");
        for (int i = 0; i < parameters.size(); i++) {
            String pointer = base + "/parameters/" + i;
            JsonNode parameter = parameters.get(i);
            if (parameter.has("$ref")) {
                pointer = parameter.get("$ref").asString().substring(1);
                parameter = DESCRIPTION.at(pointer);
            }
            String name = parameter.get("name").asString();
            String value = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    throw new AssertionError("a " + type + " delivery without its " + name + " header");
                }
                continue;
            }
            List<com.networknt.schema.Error> problems = schema(pointer + "/schema").validate(JSON.getNodeFactory().stringNode(value));
            if (!problems.isEmpty()) {
                throw new AssertionError("a " + type + " delivery's " + name + " header does not match the description: "
                        + problems + " (" + value + ")");
            }
        }
        List<com.networknt.schema.Error> problems = schema(base + "/requestBody/content/" + escape("application/json")
                + "/schema").validate(event);
        if (!problems.isEmpty()) {
            throw new AssertionError("a " + type + " delivery does not match the description: " + problems + "\nbody: " + body);
        }
    }

    /**
     * The schema at a pointer of the description, with the whole description around it so that its {@code $ref}s
     * to {@code #/components/schemas/...} resolve: the description's other members are no JSON Schema keywords.
     */
    private static Schema schema(String pointer) {
        return BY_POINTER.computeIfAbsent(pointer, p -> {
            ObjectNode document = (ObjectNode) DESCRIPTION.deepCopy();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.put("$ref", "#" + p);
            return SCHEMAS.getSchema(document);
        });
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read() {
        try (InputStream in = OpenApiAnswers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A described path; {@code {name}} matches one segment. */
    private record Route(String template, Pattern pattern) {
        static Route of(String template) {
            StringBuilder regex = new StringBuilder();
            for (String part : template.split("(?=\\{)|(?<=})")) {
                regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
            }
            return new Route(template, Pattern.compile(regex.toString()));
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
