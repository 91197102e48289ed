package hub.gateway.adapter.persistence;

import hub.gateway.domain.RiskSignal;
import io.helidon.dbclient.DbRow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Risk signals as the database functions {@code risk_signals} and {@code risk_signal_field} (V3__risk.sql)
 * pass them: three comma-separated texts, names and evidence hex-encoded so that any text survives, weights
 * as decimals. This module has no JSON library; the jsonb is built and taken apart in SQL.
 */
record StoredSignals(String names, String weights, String evidence) {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SEPARATOR = ",";

    /** The jsonb array for three parameters, in this order: {@link #parameters()}. */
    static final String JSONB_SQL = "risk_signals(cast(? as text), cast(? as text), cast(? as text))";

    static StoredSignals of(List<RiskSignal> signals) {
        return new StoredSignals(
                signals.stream().map(s -> hex(s.name())).collect(Collectors.joining(SEPARATOR)),
                signals.stream().map(s -> Integer.toString(s.weight())).collect(Collectors.joining(SEPARATOR)),
                signals.stream().map(s -> hex(s.evidence())).collect(Collectors.joining(SEPARATOR)));
    }

    /** The three columns that {@link #read} takes back, from a jsonb signals expression. */
    static String columns(String signalsJsonb) {
        return """
                risk_signal_field(%1$s, 'name') as signal_names, risk_signal_field(%1$s, 'weight') as signal_weights,
                risk_signal_field(%1$s, 'evidence') as signal_evidence""".formatted(signalsJsonb);
    }

    /** Null columns (no signals, or an event without any) read as none. */
    static List<RiskSignal> read(DbRow row) {
        String weights = Columns.optionalString(row, "signal_weights").orElse("");
        if (weights.isEmpty()) {
            return List.of();
        }
        String[] weight = weights.split(SEPARATOR, -1);
        String[] name = Columns.optionalString(row, "signal_names").orElse("").split(SEPARATOR, -1);
        String[] evidence = Columns.optionalString(row, "signal_evidence").orElse("").split(SEPARATOR, -1);
        List<RiskSignal> signals = new ArrayList<>(weight.length);
        for (int i = 0; i < weight.length; i++) {
            signals.add(new RiskSignal(text(name, i), Integer.parseInt(weight[i]), text(evidence, i)));
        }
        return List.copyOf(signals);
    }

    Object[] parameters() {
        return new Object[] {names, weights, evidence};
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String[] hexes, int index) {
        return index < hexes.length ? new String(HEX.parseHex(hexes[index]), StandardCharsets.UTF_8) : "";
    }
}
