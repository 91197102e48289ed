package hub.gateway.adapter.http;

import static hub.gateway.adapter.http.Jsons.JSON;

import hub.gateway.application.port.in.ListAuditEntriesUseCase;
import hub.gateway.domain.operator.AuditEntry;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** {@code /admin/audit}: the operator audit log, newest first, behind the admin guard. */
final class AuditAdminApi implements HttpService {
    private final ListAuditEntriesUseCase listAuditEntries;

    AuditAdminApi(ListAuditEntriesUseCase listAuditEntries) {
        this.listAuditEntries = listAuditEntries;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/audit", Answer.handler(req -> ListLimits.withLimit(req, limit -> {
                    JsonArrayBuilder entries = JSON.createArrayBuilder();
                    listAuditEntries.list(limit).forEach(entry -> entries.add(entry(entry)));
                    return Answer.ok(JSON.createObjectBuilder().add("entries", entries).build());
                })))
                .any("/audit", Routes.methodNotAllowed("GET"));
    }

    private static JsonObject entry(AuditEntry entry) {
        return JSON.createObjectBuilder()
                .add("at", Representations.time(entry.at()))
                .add("operator", entry.operator())
                .add("action", entry.action().wireName())
                .add("target", entry.target())
                .add("note", entry.note().<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL))
                .build();
    }
}
