package hub.gateway.domain.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A linear model over hashed character n-grams ({@link NgramFeatures}), learned offline from the labelled corpus by
 * tools/risk-model and shipped as a versioned resource: the probability that a message is spam is the logistic of
 * the bias plus the weights of its n-grams. Scoring is a dot product, in plain Java.
 *
 * @param version  the resource's version, shown in the signal's evidence
 * @param weights  one weight per slot ({@code 2^bits})
 */
public record NgramModel(String version, NgramFeatures features, float bias, float[] weights) {
    public NgramModel {
        Objects.requireNonNull(version);
        Objects.requireNonNull(features);
        if (weights.length != 1 << features.bits()) {
            throw new IllegalArgumentException("a model of " + features.bits() + " bits has " + (1 << features.bits())
                    + " weights, not " + weights.length);
        }
    }

    /** The fewest letters an n-gram named as evidence has. */
    private static final int NAMED = 3;

    private static int letters(String text, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            count += Character.isLetter(text.charAt(i)) ? 1 : 0;
        }
        return count;
    }

    /** How likely the message is spam, and the n-grams that weighed most towards it. */
    public record Score(double probability, List<String> heaviest) {
    }

    public Score score(ModelInput input, int explain) {
        String text = features.modelText(input.plain());
        double[] sum = features.sum(text, weights);
        double z = bias + (sum[1] == 0 ? 0 : sum[0] / Math.sqrt(sum[1]));
        for (String cue : input.cues()) {
            z += weights[features.cueSlot(cue)];
        }
        double probability = 1 / (1 + Math.exp(-z));
        return new Score(probability, explain > 0 ? heaviest(text, explain) : List.of());
    }

    /**
     * The distinct n-grams with the largest positive weights, heaviest first: the heaviest few slots are kept in one
     * pass (no sort of them all), then an n-gram that holds one already named, or is held by it, is passed over.
     */
    private List<String> heaviest(String text, int explain) {
        int kept = explain * 4;
        int[] slots = new int[kept];
        int[] starts = new int[kept];
        int[] ends = new int[kept];
        float[] best = new float[kept];
        int[] size = {0};
        features.forEach(text, (slot, start, end) -> {
            float weight = weights[slot];
            if (weight <= 0 || (size[0] == kept && weight <= best[kept - 1]) || letters(text, start, end) < NAMED) {
                return; // a letter or two says nothing a reader can weigh
            }
            for (int i = 0; i < size[0]; i++) {
                if (slots[i] == slot) {
                    return;
                }
            }
            int at = size[0] < kept ? size[0]++ : kept - 1;
            while (at > 0 && best[at - 1] < weight) {
                slots[at] = slots[at - 1];
                starts[at] = starts[at - 1];
                ends[at] = ends[at - 1];
                best[at] = best[at - 1];
                at--;
            }
            slots[at] = slot;
            starts[at] = start;
            ends[at] = end;
            best[at] = weight;
        });
        List<String> heaviest = new ArrayList<>(explain);
        for (int i = 0; i < size[0] && heaviest.size() < explain; i++) {
            String gram = text.substring(starts[i], ends[i]);
            if (!gram.isBlank() && heaviest.stream().noneMatch(h -> h.contains(gram) || gram.contains(h))) {
                heaviest.add(gram);
            }
        }
        return heaviest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NgramModel m && m.version.equals(version) && m.features.equals(features)
                && m.bias == bias && java.util.Arrays.equals(m.weights, weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, features, bias, java.util.Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
        return "NgramModel[" + version + ", " + features + "]";
    }
}
