package hub.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hub.gateway.bootstrap.Gateway;
import hub.gateway.bootstrap.GatewayConfig;
import hub.gateway.client.api.AdminApi;
import hub.gateway.client.api.ClientApi;
import hub.gateway.client.invoker.ApiClient;
import hub.gateway.client.invoker.ApiException;
import hub.gateway.client.invoker.ApiResponse;
import hub.gateway.client.model.CreateAccountRequest;
import hub.gateway.client.model.CreateInstanceRequest;
import hub.gateway.client.model.Error;
import hub.gateway.client.model.Message;
import hub.gateway.client.model.MessageSent;
import hub.gateway.client.model.Plan;
import hub.gateway.client.model.SendMessageRequest;
import hub.gateway.client.model.Usage;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client generated from gateway.yaml against the gateway as it runs (real PostgreSQL, real HTTP): the admin
 * side provisions a client team with it, and the client side sends, reads back and is refused, with nothing but
 * the generated classes between the test and the wire.
 */
class GeneratedClientEndToEndTest {
    private static final String ADMIN_TOKEN = "generated-client-admin-token-0123456789";

    private static Gateway gateway;
    private static String instanceId;
    private static ClientApi client;
    private static JsonNode description;

    @BeforeAll
    static void startTheGatewayAndProvisionAClientTeam() throws Exception {
        TestDatabase db = TestDatabase.shared();
        gateway = Gateway.start(GatewayConfig.fromEnvironment(Map.of(
                "GATEWAY_DB_URL", db.createDatabase(),
                "GATEWAY_DB_USER", db.user(),
                "GATEWAY_DB_PASSWORD", db.password(),
                "GATEWAY_DB_POOL_SIZE", "4",
                "GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN,
                "GATEWAY_SECRET_KEY", TestSecretKeys.BASE64,
                "GATEWAY_PORT", "0")));

        AdminApi admin = new AdminApi(bearer(ADMIN_TOKEN));
        String accountId = admin.createAccount(new CreateAccountRequest().name("Generated client team")).getAccountId();
        instanceId = admin.createInstance(new CreateInstanceRequest().accountId(accountId).name("Orders line")
                .plan(Plan.STARTER)).getInstanceId();
        client = new ClientApi(bearer(admin.issueApiKey(accountId).getApiKey()));
        description = servedDescription();
    }

    @AfterAll
    static void stopTheGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sendsReadsBackAndSeesWhatIsLeftOfItsLimits() throws ApiException {
        ApiResponse<MessageSent> answer = client.sendMessageWithHttpInfo(new SendMessageRequest().instanceId(instanceId)
                .phone("+966501234567").message("Your order #2041 has been shipped.").messagePurpose("transactional"), null);

        assertEquals(200, answer.getStatusCode());
        MessageSent sent = answer.getData();
        assertEquals(MessageSent.StatusEnum.SENT, sent.getStatus());
        assertEquals(MessageSent.SuccessEnum.TRUE, sent.getSuccess());

        Message read = client.getMessage(sent.getLogId());
        assertEquals(sent.getLogId(), read.getLogId());
        assertEquals(sent.getMessageId(), read.getMessageId());
        assertEquals(instanceId, read.getInstanceId());
        assertEquals("transactional", read.getMessagePurpose());
        assertEquals("sent", read.getStatus());
        assertTrue(client.listMessages(instanceId, 10).getMessages().stream()
                .anyMatch(m -> m.getLogId().equals(sent.getLogId())), "the log lists the message");

        // The RateLimit headers reach the generated client's caller and agree with GET /api/usage.
        Usage usage = client.getUsage(instanceId);
        String policy = header(answer, "RateLimit-Policy");
        String left = header(answer, "RateLimit");
        assertEquals(usage.getDaily().getLimit(), parameter(policy, "day", "q"), policy);
        assertEquals(usage.getMonthly().getLimit(), parameter(policy, "month", "q"), policy);
        assertEquals(usage.getDaily().getLimit() - usage.getDaily().getUsed(), parameter(left, "day", "r"), left);
        assertEquals(usage.getMonthly().getLimit() - usage.getMonthly().getUsed(), parameter(left, "month", "r"), left);
    }

    @Test
    void aDisallowedPurposeIsRefusedAndTheBodyReadsIntoTheGeneratedErrorModel() throws Exception {
        SendMessageRequest marketing = new SendMessageRequest().instanceId(instanceId).phone("+966501234567")
                .message("Our summer sale starts today.").messagePurpose("marketing");

        ApiException refused = assertThrows(ApiException.class, () -> client.sendMessage(marketing, null));

        assertRefusedAsDescribed(refused, "message_purpose_not_allowed");
    }

    @Test
    void aWrongKeyIsRefused() throws Exception {
        ClientApi stranger = new ClientApi(bearer("gw_not-a-key-of-this-gateway"));

        ApiException refused = assertThrows(ApiException.class, () -> stranger.getUsage(instanceId));

        assertRefusedAsDescribed(refused, "invalid_api_key");
    }

    /**
     * The refusal is the description's own example of that code, status and whole body alike, read into the generated
     * model; OpenApiDescriptionTest holds those examples to the seed's error table and texts.
     */
    private static void assertRefusedAsDescribed(ApiException refused, String code) throws Exception {
        JsonNode example = description.path("components").path("examples").path(code);
        assertTrue(example.isObject(), "the description has no example of " + code);
        assertEquals(example.path("x-status").asInt(), refused.getCode(), refused.getResponseBody());
        ObjectMapper json = ApiClient.createDefaultObjectMapper();
        Error error = json.readValue(refused.getResponseBody(), Error.class);
        assertEquals(code, error.getError());
        assertEquals(json.treeToValue(example.path("value"), Error.class), error);
    }

    private static ApiClient bearer(String token) {
        return new ApiClient(ApiClient.createDefaultHttpClientBuilder(), ApiClient.createDefaultObjectMapper(), base())
                .setReadTimeout(Duration.ofSeconds(30))
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    private static String base() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /**
     * GET /openapi as JSON, read as a tree: the expected answers come from the description the gateway serves. (The
     * generated ObserveApi.openapi() cannot read it: the generator binds a route's first content type, YAML here,
     * as a JSON string.)
     */
    private static JsonNode servedDescription() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/openapi"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            return ApiClient.createDefaultObjectMapper().readTree(answer.body());
        }
    }

    private static String header(ApiResponse<?> answer, String name) {
        List<String> values = answer.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
        assertEquals(1, values.size(), name + " in " + answer.getHeaders());
        return values.getFirst();
    }

    /** One parameter of one item of an IETF RateLimit structured field: {@code "day";q=100;w=86400}. */
    private static int parameter(String field, String item, String name) {
        Matcher m = Pattern.compile("\"" + item + "\"[^,]*;" + name + "=(\\d+)").matcher(field);
        assertTrue(m.find(), name + " of " + item + " in " + field);
        return Integer.parseInt(m.group(1));
    }
}
