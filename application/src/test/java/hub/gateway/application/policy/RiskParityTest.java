package hub.gateway.application.policy;

import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arabic parity: the default policy must judge an Arabic message as it judges the English one with the same
 * meaning. The set (src/test/resources/parity/english-arabic.txt) was written for this test, apart from the
 * corpus the phrase lists were tuned on, so it shows how the rules carry over to messages they have not
 * seen: for each phrase family of every content signal, pairs whose scores may differ by at most
 * {@value #MAX_GAP} points and must land on the same action; and legitimate messages in both languages
 * that must be allowed.
 */
class RiskParityTest {
    static final int MAX_GAP = 10;
    private static final RiskPolicy POLICY = RiskPolicyFile.defaults();

    record Pair(String family, String english, String arabic) {
        @Override
        public String toString() {
            return family + ": " + english;
        }
    }

    record Legitimate(String language, String text) {
        @Override
        public String toString() {
            return language + ": " + text;
        }
    }

    record ParitySet(List<Pair> pairs, List<Legitimate> legitimate) {
    }

    static List<Pair> pairs() {
        return SET.pairs();
    }

    static List<Legitimate> legitimate() {
        return SET.legitimate();
    }

    private static final ParitySet SET = load();

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theArabicTwinScoresWithinTenPointsOfTheEnglishAndLandsOnTheSameAction(Pair pair) {
        RiskAssessment english = POLICY.assess(pair.english(), BehaviourFacts.NONE);
        RiskAssessment arabic = POLICY.assess(pair.arabic(), BehaviourFacts.NONE);
        String both = "\n  en " + english.score() + " " + pair.english() + "  " + english.signals()
                + "\n  ar " + arabic.score() + " " + pair.arabic() + "  " + arabic.signals();
        assertTrue(Math.abs(english.score() - arabic.score()) <= MAX_GAP, "scores too far apart:" + both);
        assertEquals(english.action(), arabic.action(), "different actions:" + both);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legitimate")
    void legitimateMessagesInBothLanguagesAreAllowed(Legitimate message) {
        RiskAssessment assessment = POLICY.assess(message.text(), BehaviourFacts.NONE);
        assertEquals(RiskAction.ALLOW, assessment.action(), assessment.score() + " " + assessment.signals());
    }

    /** The set covers what it claims: two pairs at least per family, legitimate messages in both languages. */
    @Test
    void everyFamilyHasAtLeastTwoPairsAndBothLanguagesHaveLegitimateMessages() {
        Map<String, Long> perFamily = pairs().stream()
                .collect(Collectors.groupingBy(Pair::family, LinkedHashMap::new, Collectors.counting()));
        perFamily.forEach((family, count) -> assertTrue(count >= 2, family + " has " + count + " pair"));
        assertTrue(perFamily.keySet().stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().count() == 4,
                "every content signal has families: " + perFamily.keySet());
        assertTrue(legitimate().stream().filter(m -> m.language().equals("en")).count() >= 10);
        assertTrue(legitimate().stream().filter(m -> m.language().equals("ar")).count() >= 10);
        System.out.println(table());
    }

    /** The pairs with both scores, for the build log and for tuning the policy. */
    static String table() {
        StringBuilder out = new StringBuilder(String.format("%n  en   ar  gap  family / English%n"));
        int apart = 0;
        for (Pair pair : pairs()) {
            RiskAssessment english = POLICY.assess(pair.english(), BehaviourFacts.NONE);
            RiskAssessment arabic = POLICY.assess(pair.arabic(), BehaviourFacts.NONE);
            int gap = arabic.score() - english.score();
            boolean outOfParity = Math.abs(gap) > MAX_GAP || english.action() != arabic.action();
            if (outOfParity) {
                apart++;
            }
            out.append(String.format("%4d %4d %+4d %s %s — %s%n", english.score(), arabic.score(), gap,
                    outOfParity ? "✗" : " ", pair.family(), pair.english()));
        }
        out.append(String.format("%d of %d pairs out of parity%n", apart, pairs().size()));
        return out.toString();
    }

    private static ParitySet load() {
        try (InputStream in = RiskParityTest.class.getResourceAsStream("/parity/english-arabic.txt")) {
            List<Pair> pairs = new ArrayList<>();
            List<Legitimate> legitimate = new ArrayList<>();
            String family = null;
            String english = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || (line.startsWith("#") && !line.startsWith("## "))) {
                    continue;
                }
                if (line.startsWith("## ")) {
                    family = line.substring(3).strip();
                    continue;
                }
                String language = line.substring(0, 2);
                String text = line.substring(line.indexOf(':') + 1).strip();
                if ("legitimate".equals(family)) {
                    legitimate.add(new Legitimate(language, text));
                } else if (language.equals("en")) {
                    english = text;
                } else if (language.equals("ar") && english != null) {
                    pairs.add(new Pair(family, english, text));
                    english = null;
                } else {
                    throw new IllegalStateException("an ar: line without its en: line: " + line);
                }
            }
            return new ParitySet(List.copyOf(pairs), List.copyOf(legitimate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
