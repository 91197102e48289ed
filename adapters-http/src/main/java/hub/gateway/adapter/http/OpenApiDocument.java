package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import io.helidon.http.HeaderNames;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi}: the OpenAPI 3.1 description of the whole HTTP API (contract §11). The description is the
 * file {@code openapi/gateway.yaml} of this module, served byte for byte as YAML; its JSON form, for a client that
 * asks for {@code application/json}, is read from the same file once, when the edge starts. Decision: our own route
 * rather than Helidon's {@code helidon-openapi}, which would add a second owner of {@code /openapi} and
 * a SmallRye model that re-serialises the file (reordering and re-quoting what we wrote); SnakeYAML is the one
 * library it costs, the one Helidon's own YAML config reader uses.
 */
final class OpenApiDocument implements HttpService {
    /** Where the description lives, in this module's jar. */
    static final String RESOURCE = "/openapi/gateway.yaml";
    /** RFC 9512. */
    static final MediaType APPLICATION_YAML = MediaTypes.create("application", "yaml");

    private final Answer yaml;
    private final Answer json;

    private OpenApiDocument(String yamlText) {
        this.yaml = new Answer(Status.OK_200.code(),
                Map.of(HeaderNames.CONTENT_TYPE.defaultCase(), APPLICATION_YAML.text() + "; charset=UTF-8"),
                yamlText.getBytes(StandardCharsets.UTF_8));
        this.json = Answer.json(Status.OK_200.code(), toJson(yamlText).toString());
    }

    /** Reads and converts the description; a description that cannot be read stops the start, not a request. */
    static OpenApiDocument load() {
        return new OpenApiDocument(text());
    }

    static String text() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI description " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi", Answer.handler(this::answer))
                .any("/openapi", Routes.methodNotAllowed("GET"));
    }

    /**
     * JSON when the client's Accept header prefers it; YAML, the file as written, otherwise (no header, or
     * {@code *}{@code /*} from a browser or curl: the order of the candidates breaks the tie).
     */
    private Answer answer(ServerRequest req) {
        return req.headers().bestAccepted(APPLICATION_YAML, MediaTypes.APPLICATION_JSON)
                .filter(MediaTypes.APPLICATION_JSON::equals)
                .isPresent() ? json : yaml;
    }

    /**
     * YAML's data model to JSON's. The description is written to need nothing beyond maps, lists, strings,
     * numbers, booleans and null (YAML 1.1's implicit dates are quoted in the file); anything else is a mistake
     * in the file, and the edge refuses to start rather than serve a JSON that says something else.
     */
    static JsonValue toJson(String yamlText) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new SafeConstructor(options)).load(yamlText);
        return value(document);
    }

    private static JsonValue value(Object node) {
        return switch (node) {
            case null -> JsonValue.NULL;
            case Map<?, ?> map -> {
                JsonObjectBuilder object = JSON.createObjectBuilder();
                // YAML reads an unquoted status code key (200:) as a number; JSON keys are strings.
                map.forEach((key, child) -> object.add(String.valueOf(key), value(child)));
                yield object.build();
            }
            case List<?> list -> {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                list.forEach(child -> array.add(value(child)));
                yield array.build();
            }
            case String text -> JSON.createValue(text);
            case Boolean flag -> flag ? JsonValue.TRUE : JsonValue.FALSE;
            case Integer number -> JSON.createValue(number);
            case Long number -> JSON.createValue(number);
            case BigInteger number -> JSON.createValue(number);
            case Double number -> JSON.createValue(BigDecimal.valueOf(number));
            default -> throw new IllegalStateException("the OpenAPI description holds a YAML "
                    + node.getClass().getSimpleName() + "; quote it");
        };
    }
}
