package hub.gateway.tools.riskmodel;

import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.domain.risk.RiskPolicy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labelled corpus and what the shipped assessment does on its held-out split (scripts/corpus-report prints the
 * full report). The corpus must be what the issue asks of it; the model must have learned from the train split as it
 * is; and the held-out figures must not fall below the ones measured when the model and the rules were last changed
 * (docs/responsible-messaging.md): a change that refuses one more legitimate message, or lets spam through that
 * was refused, fails here.
 */
class HeldOutSplitTest {
    /** Measured with the shipped policy and model (docs/responsible-messaging.md, "Measured quality"). */
    static final int LEGITIMATE_REFUSED_AT_MOST = 1;
    static final int SPAM_REFUSED_AT_LEAST = 265;

    private static final Path ROOT = Path.of(System.getProperty("gateway.root", "../.."));
    private static final Path CORPUS = ROOT.resolve(Corpus.DIRECTORY);

    @Test
    void theCorpusIsLargeHalfArabicAndCoversEveryKindOnBothSides() throws IOException {
        List<Corpus.Sample> all = new java.util.ArrayList<>(Corpus.read(CORPUS.resolve("train.tsv")).samples());
        List<Corpus.Sample> heldOut = Corpus.read(CORPUS.resolve("heldout.tsv")).samples();
        all.addAll(heldOut);
        assertTrue(all.size() >= 1500, "at least 1,500 labelled messages, not " + all.size());
        long arabic = all.stream().filter(s -> !s.language().equals("en")).count();
        assertTrue(arabic * 100 / all.size() >= 45, "about half Arabic (script or Arabizi): " + arabic + " of " + all.size());
        for (List<Corpus.Sample> split : List.of(all, heldOut)) {
            for (boolean spam : new boolean[]{false, true}) {
                Set<String> languages = split.stream().filter(s -> s.spam() == spam).map(Corpus.Sample::language)
                        .collect(Collectors.toSet());
                assertTrue(languages.containsAll(Set.of("en", "ar", "arabizi")), (spam ? "spam" : "legitimate")
                        + " in every language: " + languages);
            }
        }
        Set<String> spamKinds = heldOut.stream().filter(Corpus.Sample::spam).map(Corpus.Sample::kind).collect(Collectors.toSet());
        assertEquals(Set.of("promotion", "disguised_promotion", "obfuscated", "arabizi", "gulf_promotion",
                "phishing_lookalike", "parcel_fee", "prize", "loan", "job", "investment", "political", "cold_outreach"),
                spamKinds, "the held-out split holds every kind of spam");
        Set<String> legitimateKinds = heldOut.stream().filter(s -> !s.spam()).map(Corpus.Sample::kind).collect(Collectors.toSet());
        assertEquals(Set.of("order_update", "receipt", "appointment", "booking", "authentication", "account_notice",
                "support", "internal"), legitimateKinds, "the held-out split holds every kind of legitimate message");
    }

    @Test
    void noMessageIsInBothSplits() throws IOException {
        Set<String> train = new HashSet<>();
        Corpus.read(CORPUS.resolve("train.tsv")).samples().forEach(s -> train.add(key(s.text())));
        List<String> shared = Corpus.read(CORPUS.resolve("heldout.tsv")).samples().stream()
                .map(Corpus.Sample::text).filter(text -> train.contains(key(text))).toList();
        assertEquals(List.of(), shared);
    }

    @Test
    void theShippedModelLearnedFromTheTrainSplitAsItIs() throws IOException {
        String header = Files.readString(ROOT.resolve(RiskModelTool.POLICY_DIRECTORY).resolve("risk-model.tsv"),
                StandardCharsets.UTF_8).lines().limit(20).collect(Collectors.joining("\n"));
        assertTrue(header.contains("sha256 " + RiskModelTool.sha256(CORPUS.resolve("train.tsv"))),
                "the train split changed since the model learned from it: run scripts/risk-model train");
    }

    @Test
    void theHeldOutFiguresHold() throws IOException {
        RiskPolicy policy = RiskPolicyFile.defaults();
        Tally tally = RiskModelTool.judge(policy, Corpus.read(CORPUS.resolve("heldout.tsv")));
        String report = tally.table("held-out split", true);
        System.out.println(report);
        assertTrue(tally.legitimateRefused() <= LEGITIMATE_REFUSED_AT_MOST, report);
        assertTrue(tally.spamRefused() >= SPAM_REFUSED_AT_LEAST, report);
    }

    private static String key(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
