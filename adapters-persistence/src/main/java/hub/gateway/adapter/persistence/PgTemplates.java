package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Templates;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;
import io.helidon.dbclient.DbRow;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Uncached; {@link CachingTemplates} sits in front of it. */
final class PgTemplates implements Templates {
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final String COLUMNS = """
            select t.name, t.language, t.category, t.body, cast(t.buttons as text) as buttons_json, t.status, t.quality
              from template t
            """;

    /**
     * A sync, in one statement over one jsonb argument {@code [{name, language, category, body, buttons, status,
     * quality}]}: the quality stays as it is when the synced template has none.
     */
    private static final String STORE = """
            insert into template (instance_id, name, language, category, body, buttons, status, quality)
            select :instance, s.name, s.language, s.category, s.body, coalesce(s.buttons, '[]'), s.status, s.quality
              from jsonb_to_recordset(cast(:templates as jsonb))
                   as s (name text, language text, category text, body text, buttons jsonb, status text, quality text)
            on conflict (instance_id, name, language) do update
               set category = excluded.category, body = excluded.body, buttons = excluded.buttons,
                   status = excluded.status, quality = coalesce(excluded.quality, template.quality), updated_at = now()
            """;

    /** Every instance of the transport with this business account that holds the template; read through V15's index. */
    private static final String CHANGE = """
            update template t
               set %s = :value, updated_at = now()
              from instance i
             where i.id = t.instance_id and i.transport = :transport and i.waba_id = :account
               and t.name = :name and t.language = :language
            returning t.instance_id
            """;

    private final Database db;

    PgTemplates(Database db) {
        this.db = db;
    }

    /** A taken name and language of the instance answers false (the conflict clause names the primary key). */
    @Override
    public boolean add(InstanceId instance, Template template) {
        long added = db.call(exec -> exec.createDmlStatement("""
                        insert into template (instance_id, name, language, category, body, buttons, status, quality)
                        values (:instance, :name, :language, :category, :body, cast(:buttons as jsonb), :status, :quality)
                        on conflict (instance_id, name, language) do nothing
                        """)
                .addParam("instance", instance.value())
                .addParam("name", template.key().name())
                .addParam("language", template.key().language())
                .addParam("category", template.category().wireName())
                .addParam("body", template.body().text())
                .addParam("buttons", buttons(template.buttons()).build().toString())
                .addParam("status", template.status().wireName())
                .addParam("quality", template.quality().map(TemplateQuality::wireName).orElse(null))
                .execute());
        return added == 1;
    }

    @Override
    public List<Template> list(InstanceId instance) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery(COLUMNS + " where t.instance_id = :instance order by t.name, t.language")
                    .addParam("instance", instance.value())
                    .execute()) {
                return rows.map(PgTemplates::template).toList();
            }
        });
    }

    @Override
    public Optional<Template> find(InstanceId instance, TemplateKey key) {
        return db.call(exec -> exec.createGet(COLUMNS + """
                         where t.instance_id = :instance and t.name = :name and t.language = :language
                        """)
                .addParam("instance", instance.value())
                .addParam("name", key.name())
                .addParam("language", key.language())
                .execute())
                .map(PgTemplates::template);
    }

    @Override
    public boolean remove(InstanceId instance, TemplateKey key) {
        long removed = db.call(exec -> exec.createDelete("""
                        delete from template where instance_id = :instance and name = :name and language = :language
                        """)
                .addParam("instance", instance.value())
                .addParam("name", key.name())
                .addParam("language", key.language())
                .execute());
        return removed == 1;
    }

    @Override
    public void store(InstanceId instance, List<Template> templates) {
        if (templates.isEmpty()) {
            return;
        }
        JsonArrayBuilder rows = StoredSignals.JSON.createArrayBuilder();
        for (Template template : templates) {
            JsonObjectBuilder row = StoredSignals.JSON.createObjectBuilder()
                    .add("name", template.key().name())
                    .add("language", template.key().language())
                    .add("category", template.category().wireName())
                    .add("body", template.body().text())
                    .add("buttons", buttons(template.buttons()))
                    .add("status", template.status().wireName());
            template.quality().ifPresent(quality -> row.add("quality", quality.wireName()));
            rows.add(row);
        }
        db.call(exec -> exec.createDmlStatement(STORE)
                .addParam("instance", instance.value())
                .addParam("templates", rows.build().toString())
                .execute());
    }

    @Override
    public List<InstanceId> changeStatus(String transport, String businessAccountId, TemplateKey key, TemplateStatus status) {
        return change("status", status.wireName(), transport, businessAccountId, key);
    }

    @Override
    public List<InstanceId> changeQuality(String transport, String businessAccountId, TemplateKey key,
                                          TemplateQuality quality) {
        return change("quality", quality.wireName(), transport, businessAccountId, key);
    }

    /** {@code column} is one of this class's two constants, never a caller's text. */
    private List<InstanceId> change(String column, String value, String transport, String businessAccountId,
                                    TemplateKey key) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery(CHANGE.formatted(column))
                    .addParam("value", value)
                    .addParam("transport", transport)
                    .addParam("account", businessAccountId)
                    .addParam("name", key.name())
                    .addParam("language", key.language())
                    .execute()) {
                return rows.map(row -> new InstanceId(Columns.string(row, "instance_id"))).toList();
            }
        });
    }

    private static JsonArrayBuilder buttons(List<TemplateButton> buttons) {
        JsonArrayBuilder array = StoredSignals.JSON.createArrayBuilder();
        for (TemplateButton button : buttons) {
            JsonObjectBuilder stored = StoredSignals.JSON.createObjectBuilder()
                    .add("type", button.type().wireName())
                    .add("text", button.text());
            button.value().ifPresent(value -> stored.add("value", value));
            array.add(stored);
        }
        return array;
    }

    private static Template template(DbRow row) {
        return new Template(
                new TemplateKey(Columns.string(row, "name"), Columns.string(row, "language")),
                TemplateCategory.fromWireName(Columns.string(row, "category"))
                        .orElseThrow(() -> new IllegalStateException("unknown template category in the database")),
                new TemplateBody(Columns.string(row, "body")),
                readButtons(Columns.string(row, "buttons_json")),
                TemplateStatus.fromWireName(Columns.string(row, "status"))
                        .orElseThrow(() -> new IllegalStateException("unknown template status in the database")),
                Columns.optionalString(row, "quality").flatMap(TemplateQuality::fromWireName));
    }

    private static List<TemplateButton> readButtons(String json) {
        JsonArray array;
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            array = reader.readArray();
        }
        List<TemplateButton> buttons = new ArrayList<>();
        for (JsonObject stored : array.getValuesAs(JsonObject.class)) {
            buttons.add(new TemplateButton(
                    TemplateButton.Type.fromWireName(stored.getString("type"))
                            .orElseThrow(() -> new IllegalStateException("unknown button type in the database")),
                    stored.getString("text"),
                    Optional.ofNullable(stored.get("value")).map(value -> ((JsonString) value).getString())));
        }
        return buttons;
    }
}
