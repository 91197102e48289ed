package hub.gateway.adapter.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The public documentation, read the way a client developer reads it: its error table and its examples. */
final class SeedDocument {
    record Row(String code, int status, String message) {
    }

    private static final Pattern ROW = Pattern.compile("^([a-z_]+) (\\d{3}) (.+)$");

    private final String text;

    private SeedDocument(String text) {
        this.text = text;
    }

    static SeedDocument load() {
        // The verbatim copy of the public documentation kept in docs/reference; tests run in the module folder.
        try {
            return new SeedDocument(Files.readString(Path.of("..", "docs", "reference", "whatsapp-gateway-docs.txt")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of the table that starts with the header line "Error HTTP Message", in order. */
    Map<String, Row> errorTable() {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.equals("Error HTTP Message")) {
                inTable = true;
                continue;
            }
            if (inTable) {
                if (trimmed.isEmpty()) {
                    break;
                }
                Matcher m = ROW.matcher(trimmed);
                if (!m.matches()) {
                    throw new IllegalStateException("unreadable row of the seed's error table: " + trimmed);
                }
                rows.put(m.group(1), new Row(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
            }
        }
        return rows;
    }

    /** Every example error body of the document, parsed. */
    List<JsonObject> errorExamples() {
        List<JsonObject> examples = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = text.indexOf('{', from);
            if (start < 0) {
                return examples;
            }
            int end = matchingBrace(start);
            String candidate = text.substring(start, end + 1);
            from = end + 1;
            if (candidate.contains("\"success\": false") && !candidate.contains("error_code")) {
                try (JsonReader reader = Json.createReader(new StringReader(candidate))) {
                    examples.add(reader.readObject());
                }
            }
        }
    }

    private int matchingBrace(int start) {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces in the seed document");
    }
}
