package hub.gateway.tools.riskmodel;

import de.bwaldvogel.liblinear.SolverType;
import hub.gateway.application.policy.LearnedModelFile;
import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.LearnedSignal;
import hub.gateway.domain.risk.NgramModel;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.risk.RiskSignal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The risk assessment's offline tool, run from the repository's root by scripts/risk-model and scripts/corpus-report:
 * <ul>
 *     <li>{@code tables}: writes the letter tables from ICU4J;</li>
 *     <li>{@code train}: learns the model from the corpus's train split and writes it beside the policy;</li>
 *     <li>{@code cross-validate}: the whole assessment (rules and a model learned without the fold) on each fold of
 *     the train split, with the figures per kind and language, and a sweep of the learned signal's weight;</li>
 *     <li>{@code report}: the shipped policy and model on the held-out split (and the train split), per kind and
 *     language, with every message refused or let through wrongly.</li>
 * </ul>
 * Options: {@code --policy FILE} (default: the shipped policy), {@code --c}, {@code --bits}, {@code --shortest},
 * {@code --longest}, {@code --solver} (liblinear's, e.g. L1R_LR, L2R_LR), {@code --folds}.
 */
public final class RiskModelTool {
    static final Path POLICY_DIRECTORY = Path.of("application", "src", "main", "resources", "hub", "gateway",
            "application", "policy");

    private RiskModelTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: risk-model tables|train|cross-validate|report [options]");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "tables" -> writeTables();
            case "train" -> train(options);
            case "cross-validate" -> crossValidate(options);
            case "report" -> System.exit(report(options) ? 0 : 1);
            case "speed" -> speed(options);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static void writeTables() throws IOException {
        Path out = POLICY_DIRECTORY.resolve("reading-tables.tsv");
        Files.write(out, ReadingTablesExport.lines(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    static RiskPolicy policy(Map<String, String> options) throws IOException {
        String file = options.get("policy");
        if (file == null) {
            return RiskPolicyFile.defaults();
        }
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return RiskPolicyFile.parse(reader);
        }
    }

    static Trainer.Settings settings(Map<String, String> options) {
        Trainer.Settings d = Trainer.Settings.DEFAULT;
        return new Trainer.Settings(
                Integer.parseInt(options.getOrDefault("bits", String.valueOf(d.bits()))),
                Integer.parseInt(options.getOrDefault("shortest", String.valueOf(d.shortest()))),
                Integer.parseInt(options.getOrDefault("longest", String.valueOf(d.longest()))),
                Integer.parseInt(options.getOrDefault("words", String.valueOf(d.words()))),
                Double.parseDouble(options.getOrDefault("c", String.valueOf(d.c()))),
                SolverType.valueOf(options.getOrDefault("solver", d.solver().name())),
                Integer.parseInt(options.getOrDefault("keep", String.valueOf(d.keep()))));
    }

    private static void train(Map<String, String> options) throws IOException {
        Path corpusFile = Corpus.DIRECTORY.resolve("train.tsv");
        Corpus corpus = Corpus.read(corpusFile);
        RiskPolicy policy = policy(options);
        Trainer.Settings settings = settings(options);
        String version = options.getOrDefault("version", "1");
        NgramModel model = Trainer.train(policy, corpus.samples(), settings, version);
        Path out = Path.of(options.getOrDefault("out", POLICY_DIRECTORY.resolve(LearnedModelFile.DEFAULT_RESOURCE).toString()));
        Map<String, String> about = new LinkedHashMap<>();
        about.put("learner", "liblinear 2.44, " + settings.describe());
        about.put("corpus", corpusFile + " (" + corpus.samples().size() + " messages, sha256 " + sha256(corpusFile) + ")");
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            LearnedModelFile.write(model, about, writer);
        }
        long nonZero = 0;
        for (float w : model.weights()) {
            nonZero += w != 0 ? 1 : 0;
        }
        System.out.println("wrote " + out + ": " + nonZero + " weights, bias " + model.bias());
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * k-fold cross-validation of the whole assessment on the train split: each fold is judged by the policy's rules
     * with a model learned from the other folds. The learned signal's weight and threshold are swept over the same
     * folds (the rules' score does not depend on them), so the figures of other settings cost no retraining.
     */
    private static void crossValidate(Map<String, String> options) throws IOException {
        Corpus corpus = Corpus.read(Corpus.DIRECTORY.resolve("train.tsv"));
        RiskPolicy policy = policy(options);
        RiskPolicy rulesOnly = policy.withLearned(Optional.empty());
        Trainer.Settings settings = settings(options);
        int folds = Integer.parseInt(options.getOrDefault("folds", "5"));
        List<Corpus.Sample> samples = corpus.samples();
        int[] rules = new int[samples.size()];
        int[] hard = new int[samples.size()];
        double[] probability = new double[samples.size()];
        String[] signals = new String[samples.size()];
        for (int fold = 0; fold < folds; fold++) {
            List<Corpus.Sample> learnFrom = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (i % folds != fold) {
                    learnFrom.add(samples.get(i));
                }
            }
            NgramModel model = Trainer.train(policy, learnFrom, settings, "fold" + fold);
            for (int i = fold; i < samples.size(); i += folds) {
                RiskAssessment assessment = rulesOnly.assessAsFirstContact(samples.get(i).text());
                rules[i] = assessment.score();
                hard[i] = Math.min(100, assessment.signals().stream().filter(sig -> !List.of("promotional_language",
                        "scam", "cold_outreach", "political_campaigning").contains(sig.name())).mapToInt(RiskSignal::weight).sum());
                probability[i] = model.score(rulesOnly.modelInput(samples.get(i).text()), 0).probability();
                signals[i] = describe(assessment.signals()) + String.format(Locale.ROOT, " p=%.2f", probability[i]);
            }
            System.err.println("fold " + (fold + 1) + " of " + folds + " done");
        }
        int block = policy.blockScore();
        Optional<LearnedSignal> shipped = policy.content().learned();
        System.out.println("Cross-validation on " + samples.size() + " messages of the train split, " + folds + " folds, "
                + settings.describe());
        System.out.println("the model alone: probability above  legit  spam (of " + samples.stream().filter(Corpus.Sample::spam).count() + ")");
        for (double t : new double[]{0.5, 0.6, 0.7, 0.8, 0.9, 0.95}) {
            long legit = 0;
            long spam = 0;
            for (int i = 0; i < samples.size(); i++) {
                if (probability[i] > t) {
                    legit += samples.get(i).spam() ? 0 : 1;
                    spam += samples.get(i).spam() ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "                                  %4.2f  %5d  %5d%n", t, legit, spam);
        }
        if (options.containsKey("show")) {
            double t = Double.parseDouble(options.get("show"));
            for (int i = 0; i < samples.size(); i++) {
                Corpus.Sample sample = samples.get(i);
                if (sample.spam() ? probability[i] < 1 - t : probability[i] > t) {
                    System.out.printf(Locale.ROOT, "%s %.2f %s/%s %s%n        %s%n", sample.spam() ? "LOW " : "HIGH", probability[i],
                            sample.kind(), sample.language(), sample.text().replace("\n", " "), signals[i]);
                }
            }
        }
        System.out.println("weight from   legit-refused  spam-refused  lowest-kind/lang");
        for (int weight : new int[]{0, 40, 50, 60, 70, 80, 90, 100}) {
            for (double from : new double[]{0.3, 0.4, 0.5, 0.6, 0.7}) {
                Tally tally = tally(samples, rules, probability, signals, block, weight, from);
                System.out.printf(Locale.ROOT, "%6d %4.1f   %13d  %8d/%-5d %6.1f%%%n", weight, from,
                        tally.legitimateRefused(), tally.spamRefused(), tally.spam(), 100 * tally.lowestSpamShare());
            }
        }
        if (options.containsKey("combos")) {
            for (String combo : List.of("sum", "max", "maxhard", "half")) {
                for (int w : new int[]{80, 90, 100}) {
                    for (double f : new double[]{0.3, 0.5, 0.6, 0.7, 0.8}) {
                        Tally t = new Tally();
                        for (int i = 0; i < samples.size(); i++) {
                            int points = probability[i] <= f ? 0 : (int) Math.round(w * (probability[i] - f) / (1 - f));
                            int score = switch (combo) {
                                case "sum" -> rules[i] + points;
                                case "max" -> Math.max(rules[i], points);
                                case "maxhard" -> hard[i] + points;
                                default -> rules[i] / 2 + points;
                            };
                            t.add(new Tally.Verdict(samples.get(i), Math.min(100, score) >= block, score, ""));
                        }
                        System.out.printf(Locale.ROOT, "%-8s %4d %4.1f  %4d  %5d  %5.1f%%%n", combo, w, f, t.legitimateRefused(),
                                t.spamRefused(), 100 * t.lowestSpamShare());
                    }
                }
            }
        }
        int weight = shipped.map(LearnedSignal::weight).orElse(0);
        double from = shipped.map(LearnedSignal::from).orElse(0.5);
        Tally tally = tally(samples, rules, probability, signals, block, weight, from);
        System.out.println();
        System.out.println(tally.table(String.format(Locale.ROOT,
                "Cross-validated, with the policy's learned signal (weight %d from %.2f):", weight, from),
                Boolean.parseBoolean(options.getOrDefault("mistakes", "true"))));
    }

    private static Tally tally(List<Corpus.Sample> samples, int[] rules, double[] probability, String[] signals,
                               int block, int weight, double from) {
        Tally tally = new Tally();
        for (int i = 0; i < samples.size(); i++) {
            int points = probability[i] <= from ? 0 : (int) Math.round(weight * (probability[i] - from) / (1 - from));
            int score = Math.min(100, rules[i] + points);
            tally.add(new Tally.Verdict(samples.get(i), score >= block, score, signals[i]));
        }
        return tally;
    }

    /** The shipped assessment on the held-out split, then on the train split it was tuned and learned on. */
    private static boolean report(Map<String, String> options) throws IOException {
        RiskPolicy policy = policy(options);
        boolean met = true;
        for (String split : List.of("heldout", "train")) {
            Corpus corpus = Corpus.read(Corpus.DIRECTORY.resolve(split + ".tsv"));
            Tally tally = judge(policy, corpus);
            String title = split.equals("heldout")
                    ? "Held-out split (never seen by the training or the tuning): " + corpus.samples().size() + " messages"
                    : "Train split (the model learned from it and the rules were tuned on it): " + corpus.samples().size() + " messages";
            System.out.println(tally.table(title, true));
            if (split.equals("heldout")) {
                met = tally.meetsTargets();
            }
        }
        return met;
    }

    /**
     * The CPU time of one assessment, as the send path makes it (the text folded once, every rule, the learned
     * signal), over every message of both splits in turn, after a warm-up long enough for the JIT: a figure, never
     * a test. The benchmark's side-by-side runs (scripts/benchmark-compare) give what it adds to a whole send.
     */
    private static void speed(Map<String, String> options) throws IOException {
        RiskPolicy policy = policy(options);
        List<String> texts = new ArrayList<>();
        for (String split : List.of("train", "heldout")) {
            Corpus.read(Corpus.DIRECTORY.resolve(split + ".tsv")).samples().stream()
                    .filter(s -> !options.containsKey("legitimate") || !s.spam()).forEach(s -> texts.add(s.text()));
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "40"));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < rounds / 2; warm++) {
            for (String text : texts) {
                sink += policy.assess(hub.gateway.domain.risk.FoldedText.of(text), BehaviourFacts.NONE).score();
            }
        }
        long cpu = threads.getCurrentThreadCpuTime();
        for (int round = 0; round < rounds; round++) {
            for (String text : texts) {
                sink += policy.assess(hub.gateway.domain.risk.FoldedText.of(text), BehaviourFacts.NONE).score();
            }
        }
        double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / ((double) rounds * texts.size());
        System.out.printf(Locale.ROOT, "%d messages x %d rounds: %.1f µs of CPU per assessment (checksum %d)%n",
                texts.size(), rounds, micros, sink);
    }

    /** The policy's verdict on every message of a split. */
    static Tally judge(RiskPolicy policy, Corpus corpus) {
        Tally tally = new Tally();
        for (Corpus.Sample sample : corpus.samples()) {
            RiskAssessment assessment = policy.assessAsFirstContact(sample.text());
            tally.add(new Tally.Verdict(sample, assessment.refuses(), assessment.score(), describe(assessment.signals())));
        }
        return tally;
    }

    private static String describe(List<RiskSignal> signals) {
        return signals.stream().map(s -> s.name() + ":" + s.weight() + "[" + s.evidence() + "]")
                .collect(Collectors.joining(" "));
    }
}
