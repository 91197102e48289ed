package hub.gateway.adapter.http;

import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.SyncTemplatesUseCase.SyncTemplatesResult;
import hub.gateway.domain.message.FieldError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An instance's templates at the edge (contract §13): every route, every answer, behind the admin guard. */
class TemplateRoutesTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
    private static final String SHIPPED = "{\"name\":\"order_shipped\",\"language\":\"en\",\"category\":\"utility\","
            + "\"body\":\"Your order {{1}} has been shipped.\",\"buttons\":[{\"type\":\"url\",\"text\":\"Track\","
            + "\"url\":\"https://example.com/track\"}],\"status\":\"approved\",\"quality\":null,\"placeholders\":1}";

    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.lastRegister.set(null);
        fakes.lastTemplateDelete.set(null);
        fakes.sync.set(new SyncTemplatesResult.Synced(List.of(FakeUseCases.TEMPLATE), 1, 0));
    }

    @Test
    void templates_are_listed_with_their_status() throws Exception {
        HttpResponse<String> listed = edge.call("GET", "/admin/instances/inst_12345/templates", ADMIN, null);

        assertEquals(200, listed.statusCode());
        assertEquals("{\"templates\":[" + SHIPPED + "]}", listed.body());
        assertError(edge.call("GET", "/admin/instances/inst_nope/templates", ADMIN, null), 404, "not_found");
    }

    @Test
    void a_registration_reaches_the_use_case_and_answers_201_422_404_or_409() throws Exception {
        HttpResponse<String> created = edge.call("POST", "/admin/instances/inst_12345/templates", ADMIN,
                "{\"name\": \"login_code\", \"language\": \"en\", \"category\": \"authentication\","
                        + " \"body\": \"{{1}} is your verification code.\", \"buttons\": [{\"type\": \"copy_code\", \"text\": \"Copy\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("pending", json(created).getString("status"));
        assertEquals(Input.text("authentication"), fakes.lastRegister.get().category());
        assertEquals(new Input.Items(List.of(new Input.Fields(Map.of("type", Input.text("copy_code"), "text", Input.text("Copy"))))),
                fakes.lastRegister.get().buttons());

        HttpResponse<String> invalid = edge.call("POST", "/admin/instances/inst_12345/templates", ADMIN, "{}");
        assertError(invalid, 422, "validation_error");
        assertEquals("name", json(invalid).getJsonObject("details").getJsonArray("fields").getJsonObject(0).getString("field"));
        assertError(edge.call("POST", "/admin/instances/inst_12345/templates", ADMIN, "{\"name\": \"order_shipped\"}"),
                409, "conflict");
        assertError(edge.call("POST", "/admin/instances/inst_nope/templates", ADMIN, "{\"name\": \"x\"}"), 404, "not_found");
        assertError(edge.call("POST", "/admin/instances/inst_12345/templates", ADMIN, "[1]"), 400, "invalid_json");
        assertError(edge.call("PUT", "/admin/instances/inst_12345/templates", ADMIN, "{}"), 405, "method_not_allowed");
    }

    @Test
    void a_template_is_deleted_by_name_and_language() throws Exception {
        HttpResponse<String> deleted = edge.call("DELETE", "/admin/instances/inst_12345/templates/order_shipped/en", ADMIN, null);

        assertEquals(200, deleted.statusCode());
        assertEquals("{\"deleted\":true,\"name\":\"order_shipped\",\"language\":\"en\"}", deleted.body());
        assertEquals("inst_12345/order_shipped/en", fakes.lastTemplateDelete.get());
        assertError(edge.call("DELETE", "/admin/instances/inst_12345/templates/order_shipped/ar", ADMIN, null), 404, "not_found");
        assertError(edge.call("DELETE", "/admin/instances/inst_nope/templates/order_shipped/en", ADMIN, null), 404, "not_found");
        assertError(edge.call("GET", "/admin/instances/inst_12345/templates/order_shipped/en", ADMIN, null), 405, "method_not_allowed");
    }

    @Test
    void a_sync_answers_the_templates_or_says_why_not() throws Exception {
        HttpResponse<String> synced = edge.call("POST", "/admin/instances/inst_12345/templates/sync", ADMIN, null);
        assertEquals(200, synced.statusCode(), synced.body());
        assertEquals("{\"templates\":[" + SHIPPED + "],\"read\":1,\"skipped\":0}", synced.body());

        fakes.sync.set(new SyncTemplatesResult.NothingToSync("sandbox"));
        HttpResponse<String> nothing = edge.call("POST", "/admin/instances/inst_12345/templates/sync", ADMIN, null);
        assertError(nothing, 409, "conflict");
        assertEquals(ErrorCatalog.NO_TEMPLATES_TO_SYNC.message(), json(nothing).getString("message"));

        fakes.sync.set(new SyncTemplatesResult.Invalid(List.of(new FieldError("waba_id", "is required to sync templates"))));
        assertError(edge.call("POST", "/admin/instances/inst_12345/templates/sync", ADMIN, null), 422, "validation_error");

        fakes.sync.set(new SyncTemplatesResult.Failed("190", "Invalid OAuth access token"));
        HttpResponse<String> failed = edge.call("POST", "/admin/instances/inst_12345/templates/sync", ADMIN, null);
        assertError(failed, 502, "template_sync_failed");
        assertEquals("{\"code\":\"190\",\"title\":\"Invalid OAuth access token\"}",
                json(failed).getJsonObject("details").getJsonObject("transport_error").toString());

        assertError(edge.call("POST", "/admin/instances/inst_nope/templates/sync", ADMIN, null), 404, "not_found");
        assertError(edge.call("GET", "/admin/instances/inst_12345/templates/sync", ADMIN, null), 405, "method_not_allowed");
    }

    @Test
    void without_an_admin_token_nothing_is_reached() throws Exception {
        assertError(edge.call("POST", "/admin/instances/inst_12345/templates", Map.of(), "{\"name\": \"x\"}"), 401, "unauthorized");
        assertNull(fakes.lastRegister.get());
    }
}
