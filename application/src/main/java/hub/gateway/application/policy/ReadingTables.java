package hub.gateway.application.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The letter tables the risk rules read messages with, generated from ICU4J by tools/risk-model
 * ({@code scripts/risk-model tables}) and shipped as {@value #RESOURCE} beside the policy; a test there fails when
 * the file is not what ICU4J gives. One line per letter, TAB-separated: its kind, its code point in hex, what it
 * reads as —
 * {@code L} a letter of another script that looks like a Latin or Arabic one (Unicode's confusables: {@code Ѕ} →
 * {@code s}, {@code ک} → {@code ك}), {@code D} a Latin letter with marks or a stroke ({@code ø} → {@code o}), {@code A}
 * an Arabic letter and its Latin transcription ({@code خ} → {@code kh}).
 *
 * @param lookAlikes       kind L
 * @param decoratedLetters kind D
 * @param arabicLatin      kind A
 */
public record ReadingTables(Map<Integer, String> lookAlikes, Map<Integer, String> decoratedLetters,
                            Map<Integer, String> arabicLatin) {
    public static final String RESOURCE = "reading-tables.tsv";
    private static volatile ReadingTables shipped;

    public static ReadingTables shipped() {
        ReadingTables tables = shipped;
        if (tables == null) {
            try (InputStream in = ReadingTables.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the application module");
                }
                tables = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = tables;
        }
        return tables;
    }

    static ReadingTables parse(BufferedReader reader) throws IOException {
        Map<Integer, String> lookAlikes = new HashMap<>();
        Map<Integer, String> decorated = new HashMap<>();
        Map<Integer, String> arabic = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": three TAB-separated fields expected");
            }
            int codePoint = Integer.parseInt(fields[1], 16);
            switch (fields[0]) {
                case "L" -> lookAlikes.put(codePoint, fields[2]);
                case "D" -> decorated.put(codePoint, fields[2]);
                case "A" -> arabic.put(codePoint, fields[2]);
                default -> throw new IllegalStateException(RESOURCE + " line " + number + ": unknown kind " + fields[0]);
            }
        }
        return new ReadingTables(Map.copyOf(lookAlikes), Map.copyOf(decorated), Map.copyOf(arabic));
    }

    /** A host with its look-alike and decorated letters read as Latin ones ({@code раypal.com} → {@code paypal.com}). */
    public String asLatin(String host) {
        StringBuilder latin = new StringBuilder(host.length());
        String lower = host.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int codePoint = lower.codePointAt(i);
            String read = codePoint < 0x80 ? null : lookAlikes.getOrDefault(codePoint, decoratedLetters.get(codePoint));
            if (read != null) {
                latin.append(read);
            } else {
                latin.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return latin.toString();
    }
}
