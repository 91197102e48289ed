package hub.gateway.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error table of the public documentation (docs/reference/whatsapp-gateway-docs.txt, a verbatim copy
 * of the seed), read at test time so that the end-to-end tests compare answers with the document itself.
 */
final class SeedTexts {
    private static final Pattern ROW = Pattern.compile("^([a-z_]+) (\\d{3}) (.+)$");
    private static final Map<String, Row> ROWS = load();

    record Row(int status, String message) {
    }

    private SeedTexts() {
    }

    static Row row(String code) {
        Row row = ROWS.get(code);
        if (row == null) {
            throw new AssertionError("the seed documents no error " + code);
        }
        return row;
    }

    private static Map<String, Row> load() {
        Path seed = Path.of("..", "docs", "reference", "whatsapp-gateway-docs.txt");
        try {
            Map<String, Row> rows = new HashMap<>();
            for (String line : Files.readAllLines(seed)) {
                Matcher m = ROW.matcher(line.strip());
                if (m.matches()) {
                    rows.put(m.group(1), new Row(Integer.parseInt(m.group(2)), m.group(3)));
                }
            }
            if (rows.size() != 14) {
                throw new IllegalStateException("expected the seed's 14 error rows, read " + rows.keySet());
            }
            return Map.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
