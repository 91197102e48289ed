package hub.gateway.adapter.persistence;

import hub.gateway.domain.risk.RiskSignal;
import io.helidon.dbclient.DbRow;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Risk signals as every jsonb column stores them (risk_event.signals, a paused event's payload, the send gate's
 * input): a JSON array of {@code {"name", "weight", "evidence"}}, built and read here with jakarta.json.
 */
record StoredSignals(String json) {
    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    /** The jsonb value of one parameter, {@link #parameters()}; SQL null for {@link #NONE}. */
    static final String JSONB_SQL = "cast(? as jsonb)";
    /** No signals at all (an event that has none): SQL null, which jsonb_strip_nulls leaves out. */
    static final StoredSignals NONE = new StoredSignals(null);

    static StoredSignals of(List<RiskSignal> signals) {
        return new StoredSignals(array(signals).build().toString());
    }

    /** The signals as a JSON array, for a document built elsewhere (PgSendGate's input). */
    static JsonArrayBuilder array(List<RiskSignal> signals) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (RiskSignal signal : signals) {
            array.add(object(signal));
        }
        return array;
    }

    /** One signal as the JSON object stored in risk_event.signals. */
    static JsonObjectBuilder object(RiskSignal signal) {
        return JSON.createObjectBuilder()
                .add("name", signal.name())
                .add("weight", signal.weight())
                .add("evidence", signal.evidence());
    }

    /** The column that {@link #read} takes back, from a jsonb signals expression. */
    static String columns(String signalsJsonb) {
        return "cast(%s as text) as signals_json".formatted(signalsJsonb);
    }

    /** A null column (no signals, or an event without any) reads as none. */
    static List<RiskSignal> read(DbRow row) {
        Optional<String> json = Columns.optionalString(row, "signals_json");
        if (json.isEmpty()) {
            return List.of();
        }
        JsonArray array;
        try (JsonReader reader = READERS.createReader(new StringReader(json.get()))) {
            array = reader.readArray();
        }
        List<RiskSignal> signals = new ArrayList<>(array.size());
        for (JsonObject signal : array.getValuesAs(JsonObject.class)) {
            signals.add(new RiskSignal(signal.getString("name", ""), signal.getInt("weight"),
                    signal.getString("evidence", "")));
        }
        return List.copyOf(signals);
    }

    Object[] parameters() {
        return new Object[] {json};
    }
}
