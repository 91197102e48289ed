package hub.gateway.domain.risk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The policy as the composition of its rules, built directly. The shipped policy's judgements are tested where its
 * file is read: application's RiskPolicyFileTest, RiskCorpusTest and RiskParityTest.
 */
class RiskPolicyTest {
    private static final ContentSignal SCAM = ContentSignal.of("scam", 100,
            List.of(new ContentSignal.WeightedPhrase("you have won", 50), new ContentSignal.WeightedPhrase("claim your prize", 40)),
            List.of());
    private final RiskPolicy policy = RiskRulesTest.policyOf(80, SCAM);

    @Test
    void aCleanTextIsTheCleanAssessment() {
        assertEquals(RiskAssessment.CLEAN, policy.assess("Your order #2041 has been shipped", BehaviourFacts.NONE));
    }

    @Test
    void theContentScoreIsTheSumOfItsSignalsAndBlocksFromTheBlockScore() {
        assertEquals(new RiskAssessment(50, RiskAction.ALLOW, List.of(new RiskSignal("scam", 50, "you have won"))),
                policy.assess("You have won", BehaviourFacts.NONE));
        assertEquals(RiskAction.BLOCK, policy.assess("You have won! Claim your prize", BehaviourFacts.NONE).action());
        assertEquals(90, policy.assess("You have won! Claim your prize", BehaviourFacts.NONE).score());
        assertEquals(RiskAction.ALLOW, RiskRulesTest.policyOf(91, SCAM)
                .assess("You have won! Claim your prize", BehaviourFacts.NONE).action());
    }

    @Test
    void behaviourThatPausesComesBeforeTheContent() {
        RiskAssessment paused = policy.assess("You have won", new BehaviourFacts(50, 10, 5, 100));
        assertEquals(RiskAction.PAUSE_INSTANCE, paused.action());
        assertEquals(100, paused.score());
        assertEquals(List.of("failed_deliveries", "opt_outs"), paused.signals().stream().map(RiskSignal::name).toList());
        assertEquals(RiskAction.ALLOW, policy.assess("Your code is 1234", new BehaviourFacts(50, 9, 4, 10)).action());
    }

    @Test
    void theBlockScoreIsBetweenOneAndAHundred() {
        assertThrows(IllegalArgumentException.class, () -> RiskRulesTest.policyOf(0, SCAM));
        assertThrows(IllegalArgumentException.class, () -> RiskRulesTest.policyOf(101, SCAM));
    }
}
