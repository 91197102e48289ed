package hub.gateway.domain.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each named rule on its own, built directly: no policy file. */
class RiskRulesTest {
    private static final RiskAssessment SCAM =
            new RiskAssessment(90, RiskAction.BLOCK, List.of(new RiskSignal("scam", 90, "you have won")));

    @Test
    void failedDeliveriesPauseFromTheirShareOnceThereAreEnoughDeliveries() {
        FailedDeliveriesRule rule = new FailedDeliveriesRule(50, 20, 0.2);
        assertEquals(Optional.of(new RiskSignal("failed_deliveries", 100, "10 of the last 50 deliveries failed")),
                rule.assess(new BehaviourFacts(50, 10, 0, 0)));
        assertEquals(Optional.empty(), rule.assess(new BehaviourFacts(50, 9, 0, 0)), "below the share");
        assertEquals(Optional.empty(), rule.assess(new BehaviourFacts(19, 19, 0, 0)), "too few deliveries to judge");
        assertTrue(rule.assess(new BehaviourFacts(20, 4, 0, 0)).isPresent(), "the minimum itself is enough");
        assertThrows(IllegalArgumentException.class, () -> new FailedDeliveriesRule(50, 20, 0));
    }

    @Test
    void optOutsPauseFromTheirShareOfTheRecipientsOnceThereAreEnough() {
        OptOutsRule rule = new OptOutsRule(5, 0.03, Duration.ofHours(24));
        assertEquals(Optional.of(new RiskSignal("opt_outs", 100, "5 of 100 recipients opted out within 24 hours")),
                rule.assess(new BehaviourFacts(0, 0, 5, 100)));
        assertEquals(Optional.empty(), rule.assess(new BehaviourFacts(0, 0, 5, 200)), "below the share");
        assertEquals(Optional.empty(), rule.assess(new BehaviourFacts(0, 0, 4, 10)), "below the minimum");
        assertEquals(Optional.empty(), rule.assess(new BehaviourFacts(0, 0, 5, 0)), "no recipients: no share");
        assertThrows(IllegalArgumentException.class, () -> new OptOutsRule(5, 1.5, Duration.ofHours(24)));
    }

    @Test
    void duplicateContentBlocksAloneOnTopOfWhatTheContentScored() {
        DuplicateContentRule rule = new DuplicateContentRule(25, Duration.ofMinutes(60));
        RiskAssessment clean = rule.assess(26, RiskAssessment.CLEAN);
        assertEquals(new RiskAssessment(100, RiskAction.BLOCK, List.of(new RiskSignal("duplicate_content", 100,
                "the same text to 26 recipients within 60 minutes"))), clean);
        RiskAssessment scam = rule.assess(26, SCAM);
        assertEquals(List.of("scam", "duplicate_content"), scam.signals().stream().map(RiskSignal::name).toList());
        assertEquals(100, scam.score());
    }

    @Test
    void theDuplicateContentRefusalToCountLeavesAPlaceForTheCount() {
        DuplicateContentRule rule = new DuplicateContentRule(25, Duration.ofMinutes(60));
        RiskAssessment toCount = rule.toCount(SCAM);
        RiskSignal last = toCount.signals().getLast();
        assertEquals("the same text to " + DuplicateContentRule.RECIPIENTS + " recipients within 60 minutes", last.evidence());
        RiskAssessment counted = new RiskAssessment(toCount.score(), toCount.action(), List.of(SCAM.signals().getFirst(),
                new RiskSignal(last.name(), last.weight(), last.evidence().replace(DuplicateContentRule.RECIPIENTS, "31"))));
        assertEquals(rule.assess(31, SCAM), counted, "the count in its place is the refusal once counted");
    }

    @Test
    void repeatedViolationsPauseFromTheCountWithinTheWindow() {
        RepeatedViolationsRule rule = new RepeatedViolationsRule(5, Duration.ofMinutes(60), 90);
        assertEquals(Optional.empty(), rule.assess(4, SCAM));
        RiskAssessment paused = rule.assess(5, SCAM).orElseThrow();
        assertEquals(new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, List.of(SCAM.signals().getFirst(),
                new RiskSignal("repeated_violations", 100, "5 policy violations scored 90 or more within 60 minutes"))), paused);
        assertTrue(rule.assess(6, SCAM).isPresent());
        assertThrows(IllegalArgumentException.class, () -> new RepeatedViolationsRule(0, Duration.ofMinutes(60), 90));
        assertThrows(IllegalArgumentException.class, () -> new RepeatedViolationsRule(5, Duration.ofMinutes(60), 0));
    }

    /** A borderline refusal of an honest message is refused, and not one step towards the review pause. */
    @Test
    void onlyCertainViolationsCountTowardsThePause() {
        RepeatedViolationsRule rule = new RepeatedViolationsRule(5, Duration.ofMinutes(60), 90);
        RiskAssessment borderline = new RiskAssessment(85, RiskAction.BLOCK,
                List.of(new RiskSignal("promotional_language", 85, "discount*, 20% off")));
        assertFalse(rule.counts(borderline));
        assertTrue(rule.counts(new RiskAssessment(90, RiskAction.BLOCK, borderline.signals())));
        assertEquals(Optional.empty(), rule.assess(7, borderline), "an uncertain one never pauses, whatever the count");
    }

    @Test
    void aContentSignalScoresItsDistinctPhrasesAndPatternsUpToItsCap() {
        ContentSignal promotional = ContentSignal.of("promotional_language", 70,
                List.of(new ContentSignal.WeightedPhrase("buy now", 40), new ContentSignal.WeightedPhrase("discount*", 20)),
                List.of(ContentSignal.WeightedPattern.of("\\d+\\s?%\\s?off", 30)));
        RiskPolicy policy = RiskRulesTest.policyOf(80, promotional);
        assertEquals(List.of(new RiskSignal("promotional_language", 60, "buy now, discount*")),
                policy.contentSignals("Buy now, discounted"));
        assertEquals(List.of(new RiskSignal("promotional_language", 70, "buy now, discount*, 20% off")),
                policy.contentSignals("Buy now, discounted, 20% off"), "capped");
        assertEquals("\\d+\\s?%\\s?off", promotional.patterns().getFirst().regex());
    }

    @Test
    void linkRulesMatchTheirHostsAndWordsHoweverThePolicyWroteThem() {
        LinkRules links = new LinkRules(java.util.Set.of("BIT.LY"), 30, 40, 50, 60, 45, 10, java.util.Set.of("LOGIN"));
        assertEquals(List.of(new RiskSignal("shortened_link", 30, "bit.ly")), links.assess("Track it: bit.ly/3xYz"));
        assertEquals(List.of(new RiskSignal("insecure_login_link", 45, "bank.example")),
                links.assess("http://bank.example/login"));
    }

    /** A policy of the given content signal, no link weights, and the shipped thresholds. */
    static RiskPolicy policyOf(int blockScore, ContentSignal... signals) {
        return new RiskPolicy(blockScore, List.of(signals), new LinkRules(java.util.Set.of(), 0, 0, 0, 0, 0, 0, java.util.Set.of()),
                new DuplicateContentRule(25, Duration.ofMinutes(60)), new FailedDeliveriesRule(50, 20, 0.2),
                new OptOutsRule(5, 0.03, Duration.ofHours(24)), new RepeatedViolationsRule(5, Duration.ofMinutes(60), 90));
    }
}
