package hub.gateway.tools.riskmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Refused and let through, counted per side, per kind and per language: what the corpus report prints and what the
 * targets are checked against (no legitimate message refused; at least 97% of spam refused; no kind and no language
 * below 90%).
 */
final class Tally {
    record Verdict(Corpus.Sample sample, boolean refused, int score, String signals) {
        boolean wrong() {
            return refused != sample.spam();
        }
    }

    private final List<Verdict> verdicts = new ArrayList<>();

    void add(Verdict verdict) {
        verdicts.add(verdict);
    }

    List<Verdict> verdicts() {
        return verdicts;
    }

    long legitimate() {
        return verdicts.stream().filter(v -> !v.sample().spam()).count();
    }

    long legitimateRefused() {
        return verdicts.stream().filter(v -> !v.sample().spam() && v.refused()).count();
    }

    long spam() {
        return verdicts.stream().filter(v -> v.sample().spam()).count();
    }

    long spamRefused() {
        return verdicts.stream().filter(v -> v.sample().spam() && v.refused()).count();
    }

    /** The lowest share refused of the spam of any kind or any language. */
    double lowestSpamShare() {
        double lowest = 1;
        for (Function<Corpus.Sample, String> by : List.<Function<Corpus.Sample, String>>of(Corpus.Sample::kind, Corpus.Sample::language)) {
            for (long[] counts : spamBy(by).values()) {
                lowest = Math.min(lowest, counts[0] == 0 ? 1 : (double) counts[1] / counts[0]);
            }
        }
        return lowest;
    }

    boolean meetsTargets() {
        return legitimateRefused() == 0 && spamRefused() >= Math.ceil(0.97 * spam()) && lowestSpamShare() >= 0.90;
    }

    /** {group → [spam, refused]} */
    private Map<String, long[]> spamBy(Function<Corpus.Sample, String> by) {
        Map<String, long[]> groups = new TreeMap<>();
        for (Verdict verdict : verdicts) {
            if (verdict.sample().spam()) {
                long[] counts = groups.computeIfAbsent(by.apply(verdict.sample()), k -> new long[2]);
                counts[0]++;
                counts[1] += verdict.refused() ? 1 : 0;
            }
        }
        return groups;
    }

    private Map<String, long[]> legitimateBy(Function<Corpus.Sample, String> by) {
        Map<String, long[]> groups = new TreeMap<>();
        for (Verdict verdict : verdicts) {
            if (!verdict.sample().spam()) {
                long[] counts = groups.computeIfAbsent(by.apply(verdict.sample()), k -> new long[2]);
                counts[0]++;
                counts[1] += verdict.refused() ? 1 : 0;
            }
        }
        return groups;
    }

    String table(String title, boolean listMistakes) {
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        out.append(String.format(Locale.ROOT, "%-26s %8s %8s %8s%n", "", "messages", "refused", "missed"));
        out.append(String.format(Locale.ROOT, "%-26s %8d %8d %8s%n", "legitimate", legitimate(), legitimateRefused(), "-"));
        out.append(String.format(Locale.ROOT, "%-26s %8d %8d %8d   %5.1f%% refused%n", "spam", spam(), spamRefused(),
                spam() - spamRefused(), 100.0 * spamRefused() / Math.max(1, spam())));
        out.append("legitimate by language and kind (refused of all):\n");
        legitimateBy(Corpus.Sample::language).forEach((group, c) -> out.append(row("  language " + group, c, false)));
        legitimateBy(Corpus.Sample::kind).forEach((group, c) -> out.append(row("  kind " + group, c, false)));
        out.append("spam by language and kind (refused of all):\n");
        spamBy(Corpus.Sample::language).forEach((group, c) -> out.append(row("  language " + group, c, true)));
        spamBy(Corpus.Sample::kind).forEach((group, c) -> out.append(row("  kind " + group, c, true)));
        out.append(String.format(Locale.ROOT, "targets (no legitimate refused; >= 97%% spam; every kind and language >= 90%%): %s%n",
                meetsTargets() ? "MET" : "NOT MET"));
        if (listMistakes) {
            for (Verdict verdict : verdicts) {
                if (verdict.wrong()) {
                    out.append(verdict.sample().spam() ? "MISSED  " : "REFUSED ").append(verdict.score()).append(' ')
                            .append(verdict.sample().kind()).append('/').append(verdict.sample().language()).append("  ")
                            .append(verdict.sample().text().replace("\n", " ")).append("\n        ")
                            .append(verdict.signals()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String row(String group, long[] counts, boolean spam) {
        return String.format(Locale.ROOT, "%-26s %8d %8d %8s   %5.1f%%%n", group, counts[0], counts[1],
                spam ? String.valueOf(counts[0] - counts[1]) : "-", 100.0 * counts[1] / Math.max(1, counts[0]));
    }
}
