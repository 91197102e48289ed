package hub.gateway.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A reader of the Prometheus text exposition format (0.0.4), enough for the tests: every sample line as a name,
 * its labels and its value; comments skipped; label values unescaped ({@code \\}, {@code \"}, {@code \n}). A line
 * it cannot read fails the test, so a malformed exposition cannot pass unnoticed.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return new PrometheusText(List.copyOf(samples));
    }

    List<Sample> samples() {
        return samples;
    }

    Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The value of the one sample with this name and at least these labels ("key", "value", ...); 0 when there is
     * none (a counter not yet used is not exposed), a failure when several match.
     */
    double value(String name, String... labels) {
        List<Sample> matching = matching(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError("several samples of " + name + " " + List.of(labels) + ": " + matching);
        }
        return matching.isEmpty() ? 0 : matching.getFirst().value();
    }

    /** Whether a sample of this name and labels is exposed at all. */
    boolean has(String name, String... labels) {
        return !matching(name, labels).isEmpty();
    }

    /** Every sample of {@code name}, by the value of one label. */
    Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> values = new TreeMap<>();
        samples.stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label))
                .forEach(s -> values.merge(s.labels().get(label), s.value(), Double::sum));
        return values;
    }

    /** What moved from {@code before} to this scrape, by one label's value; samples that did not move are left out. */
    Map<String, Double> deltaByLabel(PrometheusText before, String name, String label) {
        Map<String, Double> now = byLabel(name, label);
        Map<String, Double> then = before.byLabel(name, label);
        Map<String, Double> moved = new TreeMap<>();
        now.forEach((value, count) -> {
            double delta = count - then.getOrDefault(value, 0.0);
            if (delta != 0) {
                moved.put(value, delta);
            }
        });
        then.keySet().stream().filter(value -> !now.containsKey(value)).forEach(value -> moved.put(value, -then.get(value)));
        return moved;
    }

    double delta(PrometheusText before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }

    private List<Sample> matching(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in pairs: " + List.of(labels));
        }
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new AssertionError("not a metric name in: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String label = line.substring(i, equals).strip();
                if (line.charAt(equals + 1) != '"') {
                    throw new AssertionError("label value not quoted in: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = equals + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char escaped = line.charAt(++j);
                        value.append(escaped == 'n' ? '\n' : escaped);
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new AssertionError("label " + label + " twice in: " + line);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split(" ");
        return new Sample(name, Map.copyOf(labels), number(rest[0], line));
    }

    private static double number(String text, String line) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("not a sample value in: " + line, e);
                }
            }
        };
    }
}
