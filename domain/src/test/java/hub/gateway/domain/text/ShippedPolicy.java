package hub.gateway.domain.text;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The phrases and patterns of the shipped risk policy, for the text engine's tests. The policy file belongs to the
 * application module (which parses it), and the domain cannot depend on that module, not even in its tests: this
 * reads the file where it lives in the source tree and takes only what the engine sees: each signal's phrase list,
 * and every pattern.
 */
final class ShippedPolicy {
    static final Path FILE = Path.of(System.getProperty("basedir", "."), "..", "application", "src", "main",
            "resources", "hub", "gateway", "application", "policy", "default-risk-policy.properties");

    private ShippedPolicy() {
    }

    static List<PhraseList> phraseLists() {
        Properties file = load();
        List<PhraseList> lists = file.stringPropertyNames().stream()
                .filter(k -> k.startsWith("signal.") && (k.endsWith(".phrases") || k.endsWith(".mentions"))).sorted()
                .map(key -> new PhraseList(entries(file.getProperty(key)).stream()
                        .map(e -> PhraseList.Phrase.of(e.substring(0, e.lastIndexOf(':')),
                                Integer.parseInt(e.substring(e.lastIndexOf(':') + 1).strip())))
                        .toList()))
                .toList();
        if (lists.size() != 5) {
            throw new IllegalStateException("the shipped policy has four content signals, one with mentions; found "
                    + lists.size() + " lists");
        }
        return lists;
    }

    static List<TextPattern> patterns() {
        Properties file = load();
        List<TextPattern> patterns = new ArrayList<>(file.stringPropertyNames().stream()
                .filter(k -> k.startsWith("signal.") && k.contains("pattern.")).sorted()
                .map(key -> file.getProperty(key).strip())
                .map(entry -> TextPattern.compile(entry.substring(0, entry.lastIndexOf(':'))))
                .toList());
        // The patterns of a reported transaction carry no weight.
        file.stringPropertyNames().stream().filter(k -> k.startsWith("intent.") && k.contains(".pattern.")).sorted()
                .map(key -> TextPattern.compile(file.getProperty(key).strip())).forEach(patterns::add);
        if (patterns.isEmpty()) {
            throw new IllegalStateException("the shipped policy has patterns");
        }
        return patterns;
    }

    private static List<String> entries(String value) {
        return new ArrayList<>(Arrays.stream(value.split("\\|")).map(String::strip).filter(e -> !e.isEmpty()).toList());
    }

    private static Properties load() {
        try (Reader reader = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            Properties file = new Properties();
            file.load(reader);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped policy at " + FILE.normalize(), e);
        }
    }
}
