package hub.gateway.domain.risk;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned signal: a dot product over hashed n-grams, a weight from the probability, the heaviest n-grams named. */
class LearnedSignalTest {
    private static final NgramFeatures FEATURES = new NgramFeatures(12, 2, 4, 0);

    /** A model whose only positive weights are the n-grams of "sale", the longer the heavier. */
    private static NgramModel saleModel() {
        float[] weights = new float[1 << FEATURES.bits()];
        FEATURES.forEach(FEATURES.modelText("sale"), (slot, start, end) -> weights[slot] = end - start);
        return new NgramModel("t1", FEATURES, -2f, weights);
    }

    @Test
    void theScoreIsTheLogisticOfTheBiasPlusTheNormalisedSumAndCuesWeighToo() {
        NgramModel model = saleModel();
        Map<Integer, Double> vector = FEATURES.vector(new ModelInput("sale", List.of()));
        double z = -2 + vector.entrySet().stream().mapToDouble(e -> model.weights()[e.getKey()] * e.getValue()).sum();
        assertEquals(1 / (1 + Math.exp(-z)), model.score(new ModelInput("sale", List.of()), 0).probability(), 1e-6,
                "the training tool's vector and the scorer agree");
        float[] weights = model.weights().clone();
        weights[FEATURES.cueSlot("intent:transaction")] = -5f;
        NgramModel withCue = new NgramModel("t2", FEATURES, -2f, weights);
        assertTrue(withCue.score(new ModelInput("sale", List.of("intent:transaction")), 0).probability()
                < withCue.score(new ModelInput("sale", List.of()), 0).probability());
    }

    @Test
    void digitsStandingAloneReadAsZeroSoThatNumbersShareTheirNgrams() {
        assertEquals(FEATURES.modelText("order #2041"), FEATURES.modelText("order #7719"));
        assertEquals(" 5asm 00% ", FEATURES.modelText("5asm 50%"), "a digit next to a letter stays (Arabizi)");
    }

    @Test
    void theSignalAddsFromItsThresholdUpToItsWeightAndNamesTheHeaviestNgrams() {
        LearnedSignal signal = new LearnedSignal(saleModel(), 100, 0.7);
        assertEquals(0, signal.points(0.7));
        assertEquals(50, signal.points(0.85));
        assertEquals(100, signal.points(1.0));
        RiskSignal found = signal.assess(new ModelInput("big sale sale sale", List.of())).orElseThrow();
        assertEquals(LearnedSignal.NAME, found.name());
        assertTrue(found.evidence().contains("'sale'"), found.evidence());
        assertTrue(!found.evidence().contains("'sa'") && !found.evidence().contains("'al'"),
                "an n-gram held by one already named says nothing more: " + found.evidence());
        assertEquals(java.util.Optional.empty(), signal.assess(new ModelInput("your order shipped", List.of())));
    }
}
