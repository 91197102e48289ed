package hub.gateway.adapter.http;

import hub.gateway.application.port.in.Input;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.Operator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static hub.gateway.adapter.http.RunningEdge.assertError;
import static hub.gateway.adapter.http.RunningEdge.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Operators at the edge: who the guard lets through reaches the use case, their routes, the audit log, notes. */
class OperatorRoutesTest {
    private static final String ADMIN_TOKEN = "admin-secret-token";

    private static final FakeUseCases fakes = new FakeUseCases();
    @RegisterExtension
    static final RunningEdge edge = RunningEdge.onFreePort(fakes, ADMIN_TOKEN);

    @BeforeEach
    void reset() {
        fakes.lastOperator.set(null);
        fakes.lastStatusChange.set(null);
        fakes.lastAuditLimit.set(null);
    }

    @Test
    void the_operator_of_the_token_reaches_the_use_case() throws Exception {
        assertEquals(200, edge.call("POST", "/admin/api-keys/key_1/revoke", as(FakeUseCases.OPERATOR_TOKEN), null).statusCode());
        assertEquals(FakeUseCases.OPERATOR, fakes.lastOperator.get());

        assertEquals(200, edge.call("POST", "/admin/api-keys/key_1/revoke", as(ADMIN_TOKEN), null).statusCode());
        assertEquals(Operator.ADMIN, fakes.lastOperator.get());
    }

    @Test
    void an_unknown_or_revoked_token_is_401_and_reaches_nothing() throws Exception {
        assertError(edge.call("POST", "/admin/api-keys/key_1/revoke", as("gop_revoked"), null), 401, "unauthorized");
        assertNull(fakes.lastOperator.get());
    }

    @Test
    void operators_are_created_listed_and_revoked() throws Exception {
        HttpResponse<String> created = edge.call("POST", "/admin/operators", as(ADMIN_TOKEN), "{\"name\": \"bob\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("{\"operator_id\":\"op_new\",\"name\":\"bob\",\"token\":\"gop_new\"}", created.body());
        assertEquals(Operator.ADMIN, fakes.lastOperator.get());

        assertError(edge.call("POST", "/admin/operators", as(ADMIN_TOKEN), "{}"), 422, "validation_error");
        HttpResponse<String> taken = edge.call("POST", "/admin/operators", as(ADMIN_TOKEN), "{\"name\": \"admin\"}");
        assertError(taken, 409, "conflict");
        assertEquals(ErrorCatalog.OPERATOR_NAME_TAKEN.message(), json(taken).getString("message"));

        HttpResponse<String> listed = edge.call("GET", "/admin/operators", as(ADMIN_TOKEN), null);
        assertEquals("{\"operators\":[{\"operator_id\":\"admin\",\"name\":\"admin\",\"built_in\":true,\"created_at\":null,"
                + "\"revoked_at\":null},{\"operator_id\":\"op_alice\",\"name\":\"alice\",\"built_in\":false,"
                + "\"created_at\":\"2026-05-08T10:00:30Z\",\"revoked_at\":null}]}", listed.body());

        HttpResponse<String> revoked = edge.call("POST", "/admin/operators/op_alice/revoke", as(ADMIN_TOKEN), null);
        assertEquals("{\"operator_id\":\"op_alice\",\"revoked\":true}", revoked.body());
        assertError(edge.call("POST", "/admin/operators/op_nobody/revoke", as(ADMIN_TOKEN), null), 404, "not_found");
        HttpResponse<String> builtIn = edge.call("POST", "/admin/operators/admin/revoke", as(ADMIN_TOKEN), null);
        assertError(builtIn, 409, "conflict");
        assertEquals(ErrorCatalog.BUILT_IN_OPERATOR.message(), json(builtIn).getString("message"));
        assertError(edge.call("DELETE", "/admin/operators", as(ADMIN_TOKEN), null), 405, "method_not_allowed");
    }

    @Test
    void the_audit_log_takes_the_shared_limit() throws Exception {
        HttpResponse<String> listed = edge.call("GET", "/admin/audit?limit=7", as(ADMIN_TOKEN), null);
        assertEquals(200, listed.statusCode());
        assertEquals(7, fakes.lastAuditLimit.get());
        assertEquals("{\"entries\":[{\"at\":\"2026-05-08T10:00:30Z\",\"operator\":\"alice\",\"action\":\"instance.resume\","
                + "\"target\":\"inst_12345\",\"note\":\"checked: a clinic's reminders\"}]}", listed.body());

        edge.call("GET", "/admin/audit", as(ADMIN_TOKEN), null);
        assertEquals(50, fakes.lastAuditLimit.get());
        for (String bad : new String[]{"0", "501", "x", "-1"}) {
            assertError(edge.call("GET", "/admin/audit?limit=" + bad, as(ADMIN_TOKEN), null), 422, "validation_error");
        }
    }

    @Test
    void pause_and_resume_take_an_optional_note() throws Exception {
        assertEquals(200, edge.call("POST", "/admin/instances/inst_12345/pause", as(ADMIN_TOKEN), null).statusCode());
        assertEquals(Input.MISSING, fakes.lastStatusChange.get().note());
        assertEquals(InstanceStatus.PAUSED_FOR_REVIEW, fakes.lastStatusChange.get().status());

        // curl -d '' sends a form content type with an empty body: still no note, as before notes existed.
        Map<String, String> form = Map.of("Authorization", "Bearer " + ADMIN_TOKEN,
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(200, edge.call("POST", "/admin/instances/inst_12345/resume", form, "").statusCode());
        assertEquals(Input.MISSING, fakes.lastStatusChange.get().note());

        HttpResponse<String> noted = edge.call("POST", "/admin/instances/inst_12345/resume", as(FakeUseCases.OPERATOR_TOKEN),
                "{\"note\": \"تم التحقق — reminders only\"}");
        assertEquals(200, noted.statusCode(), noted.body());
        assertEquals(Input.text("تم التحقق — reminders only"), fakes.lastStatusChange.get().note());
        assertEquals(InstanceStatus.ACTIVE, fakes.lastStatusChange.get().status());
        assertEquals(FakeUseCases.OPERATOR, fakes.lastOperator.get());

        assertError(edge.call("POST", "/admin/instances/inst_12345/pause", as(ADMIN_TOKEN), "[1]"), 400, "invalid_json");
        assertError(edge.call("POST", "/admin/instances/nowhere/pause", as(ADMIN_TOKEN), null), 404, "not_found");
    }

    private static Map<String, String> as(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

}
