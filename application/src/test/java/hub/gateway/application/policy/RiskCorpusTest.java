package hub.gateway.application.policy;

import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default policy against the corpus (src/test/resources/corpus): realistic legitimate messages and
 * spam, in English and Arabic. No legitimate message may be blocked; at least 95% of the spam must be.
 * {@code scripts/corpus-report} prints the confusion matrix and every miss.
 */
class RiskCorpusTest {
    record Sample(String purpose, String text) {
    }

    record Verdict(Sample sample, RiskAssessment assessment) {
        boolean blocked() {
            return assessment.action() == RiskAction.BLOCK;
        }
    }

    private final RiskPolicy policy = policyUnderTest();

    /** The shipped policy, or the file named by -Drisk.policy.file (scripts/corpus-report sets it). */
    private static RiskPolicy policyUnderTest() {
        String file = System.getProperty("risk.policy.file");
        if (file == null || file.isBlank()) {
            return RiskPolicyFile.defaults();
        }
        try (var reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file))) {
            return RiskPolicyFile.parse(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noLegitimateMessageIsBlockedAndAtLeast95PercentOfSpamIs() throws IOException {
        List<Verdict> legitimate = assess(load("legitimate.txt"));
        List<Verdict> spam = assess(load("spam.txt"));
        assertTrue(legitimate.size() >= 150 && spam.size() >= 150, "the corpus has at least 150 of each");

        String report = report(legitimate, spam);
        System.out.println(report);
        List<Verdict> wronglyBlocked = legitimate.stream().filter(Verdict::blocked).toList();
        assertEquals(List.of(), wronglyBlocked, "legitimate messages blocked");
        long spamBlocked = spam.stream().filter(Verdict::blocked).count();
        assertTrue(spamBlocked >= Math.ceil(0.95 * spam.size()), report);
    }

    static String report(List<Verdict> legitimate, List<Verdict> spam) {
        long legitBlocked = legitimate.stream().filter(Verdict::blocked).count();
        long spamBlocked = spam.stream().filter(Verdict::blocked).count();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n                 blocked   allowed%n"));
        out.append(String.format("legitimate (%d)  %7d   %7d%n", legitimate.size(), legitBlocked, legitimate.size() - legitBlocked));
        out.append(String.format("spam       (%d)  %7d   %7d%n", spam.size(), spamBlocked, spam.size() - spamBlocked));
        out.append(String.format("spam blocked: %.1f%%   legitimate blocked: %.1f%%%n",
                100.0 * spamBlocked / spam.size(), 100.0 * legitBlocked / legitimate.size()));
        legitimate.stream().filter(Verdict::blocked).forEach(v -> out.append("WRONGLY BLOCKED ").append(describe(v)));
        spam.stream().filter(v -> !v.blocked()).forEach(v -> out.append("MISSED SPAM ").append(describe(v)));
        return out.toString();
    }

    private static String describe(Verdict verdict) {
        return verdict.assessment().score() + " " + verdict.sample().text() + "  " + verdict.assessment().signals() + "\n";
    }

    private List<Verdict> assess(List<Sample> samples) {
        return samples.stream().map(s -> new Verdict(s, policy.assess(s.text(), BehaviourFacts.NONE))).toList();
    }

    static List<Sample> load(String file) throws IOException {
        try (InputStream in = RiskCorpusTest.class.getResourceAsStream("/corpus/" + file)) {
            List<Sample> samples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                samples.add(new Sample(parts[0], parts[1]));
            }
            return samples;
        }
    }
}
