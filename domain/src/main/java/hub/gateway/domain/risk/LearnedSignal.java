package hub.gateway.domain.risk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The learned signal beside the rules: the {@link NgramModel}'s probability that a message is spam, turned into a
 * weight. Below {@code from} it adds nothing; from there it rises linearly to {@code weight} at certainty. Its
 * evidence names the probability and the n-grams that weighed most. The weight and the threshold are the policy's,
 * not the model's: an operator can lower the model's say without retraining it.
 */
public record LearnedSignal(NgramModel model, int weight, double from) {
    public static final String NAME = "learned_model";
    private static final int EXPLAINED = 4;

    public LearnedSignal {
        Objects.requireNonNull(model);
        if (weight < 0 || weight > 100 || from < 0 || from >= 1) {
            throw new IllegalArgumentException("learned signal: weight 0 to 100, threshold from 0 up to 1");
        }
    }

    Optional<RiskSignal> assess(ModelInput input) {
        if (weight == 0) {
            return Optional.empty();
        }
        NgramModel.Score score = model.score(input, 0);
        int points = points(score.probability());
        if (points == 0) {
            return Optional.empty(); // most messages: no evidence to name
        }
        NgramModel.Score explained = model.score(input, EXPLAINED);
        StringBuilder evidence = new StringBuilder(80)
                .append(String.format(java.util.Locale.ROOT, "%.2f", score.probability()))
                .append(" likely spam (model ").append(model.version()).append("): ");
        List<String> heaviest = explained.heaviest();
        for (int i = 0; i < heaviest.size(); i++) {
            evidence.append(i == 0 ? "'" : ", '").append(heaviest.get(i).strip()).append('\'');
        }
        return Optional.of(new RiskSignal(NAME, points, evidence.toString()));
    }

    int points(double probability) {
        if (probability <= from) {
            return 0;
        }
        return (int) Math.round(weight * (probability - from) / (1 - from));
    }
}
