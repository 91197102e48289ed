package hub.gateway.bootstrap;

import static hub.gateway.bootstrap.GatewayUnderTest.onFreshDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /docs} in a real browser against a whole gateway: the page renders the description the gateway serves,
 * with no script error, no refusal by its Content-Security-Policy and no request to any other origin (no CDN: it
 * works offline). What it must show is read from the description itself ({@code openapi/gateway.yaml}), not typed
 * here. Skipped, saying why, where Debian's Chromium is not installed ({@link Browser}).
 */
class DocsPageBrowserTest {
    private static final JsonNode DESCRIPTION = description();
    private static final JsonNode SEND = DESCRIPTION.get("paths").get("/api/send-message").get("post");

    @RegisterExtension
    static final GatewayUnderTest gateway = onFreshDatabase();
    @RegisterExtension
    static final Browser browser = Browser.chromium();

    @Test
    void theReferenceShowsTheSendOperationAndARefusalsExampleAndAsksNoOtherOrigin() {
        browser.open(gateway.base + "/docs");

        browser.waitForText(SEND.get("summary").asString());
        WebElement operation = browser.waitFor(By.cssSelector("[data-section-id$='operation/"
                + SEND.get("operationId").asString() + "']"));
        assertTrue(operation.getText().contains("/api/send-message"), operation.getText());

        // As a reader would: open the send's 429 answer samples and read the first example's code and exact text.
        JsonNode throttled = example(SEND.get("responses").get("429"));
        String code = throttled.get("value").get("error").asString();
        operation.findElement(By.xpath(".//li[@role='tab' and normalize-space()='429']")).click();
        browser.waitUntil("the 429 example " + code, driver -> operation.getText().contains(code));
        assertTrue(operation.getText().contains(throttled.get("value").get("message").asString()), operation.getText());

        browser.screenshot(Path.of("target", "browser", "docs.png"));
        assertEquals(List.of(), browser.consoleErrors(), "the console's errors");
        List<String> requested = browser.requestedUrls();
        assertTrue(requested.contains(gateway.base + "/openapi"), "the description was fetched: " + requested);
        assertEquals(List.of(), browser.requestsOutside(gateway.base), "requests to other origins");
    }

    /** The first example of a response, its {@code $ref}s followed. */
    private static JsonNode example(JsonNode response) {
        JsonNode examples = resolve(response).get("content").get("application/json").get("examples");
        return resolve(examples.get(examples.propertyNames().iterator().next()));
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? DESCRIPTION.at(node.get("$ref").asString().substring(1)) : node;
    }

    private static JsonNode description() {
        try (InputStream yaml = DocsPageBrowserTest.class.getClassLoader().getResourceAsStream("openapi/gateway.yaml")) {
            return YAMLMapper.builder().build().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
