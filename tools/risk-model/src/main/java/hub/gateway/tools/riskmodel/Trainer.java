package hub.gateway.tools.riskmodel;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import hub.gateway.domain.risk.NgramFeatures;
import hub.gateway.domain.risk.NgramModel;
import hub.gateway.domain.risk.RiskPolicy;

import java.util.List;
import java.util.Map;

/**
 * Learns the {@link NgramModel} with liblinear's logistic regression, from the messages as the gateway reads them
 * ({@link RiskPolicy#modelInput}) and through the gateway's own feature extraction ({@link NgramFeatures}), so that what
 * is learned here is what the gateway scores. Deterministic: liblinear's random source is reset before each run.
 */
final class Trainer {
    /** @param keep how many of the heaviest weights (by magnitude) the model keeps; the rest are 0 */
    record Settings(int bits, int shortest, int longest, int words, double c, SolverType solver, int keep) {
        static final Settings DEFAULT = new Settings(16, 2, 5, 0, 30.0, SolverType.L2R_LR, 40_000);

        NgramFeatures features() {
            return new NgramFeatures(bits, shortest, longest, words);
        }

        String describe() {
            return solver + " C=" + c + ", character n-grams of " + shortest + " to " + longest
                    + (words > 0 ? " and word n-grams of 1 to " + words : "") + " over 2^" + bits + " slots, the "
                    + keep + " heaviest weights kept";
        }
    }

    private Trainer() {
    }

    static NgramModel train(RiskPolicy reading, List<Corpus.Sample> samples, Settings settings, String version) {
        NgramFeatures features = settings.features();
        int slots = 1 << settings.bits();
        Problem problem = new Problem();
        problem.l = samples.size();
        problem.n = slots + 1; // the slots, then the bias feature
        problem.bias = 1;
        problem.x = new Feature[samples.size()][];
        problem.y = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Corpus.Sample sample = samples.get(i);
            Map<Integer, Double> vector = features.vector(reading.modelInput(sample.text()));
            Feature[] nodes = new Feature[vector.size() + 1];
            int j = 0;
            for (Map.Entry<Integer, Double> entry : vector.entrySet()) {
                nodes[j++] = new FeatureNode(entry.getKey() + 1, entry.getValue());
            }
            nodes[j] = new FeatureNode(slots + 1, problem.bias);
            problem.x[i] = nodes;
            problem.y[i] = sample.spam() ? 1 : -1;
        }
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model model = Linear.train(problem, new Parameter(settings.solver(), settings.c(), 0.001));
        double[] learned = model.getFeatureWeights();
        // liblinear's weights favour its first label: turn them towards spam.
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        float[] weights = new float[slots];
        for (int slot = 0; slot < slots; slot++) {
            weights[slot] = (float) (sign * learned[slot]);
        }
        float bias = (float) (sign * learned[slots] * problem.bias);
        return new NgramModel(version, features, bias, heaviest(weights, settings.keep()));
    }

    /** Only the {@code keep} weights of largest magnitude: the n-grams seen once or twice weigh next to nothing. */
    private static float[] heaviest(float[] weights, int keep) {
        float[] magnitudes = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            magnitudes[i] = Math.abs(weights[i]);
        }
        float[] sorted = magnitudes.clone();
        java.util.Arrays.sort(sorted);
        if (keep >= sorted.length) {
            return weights;
        }
        float threshold = sorted[sorted.length - keep];
        float[] kept = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            kept[i] = magnitudes[i] >= threshold && magnitudes[i] > 0 ? weights[i] : 0;
        }
        return kept;
    }
}
