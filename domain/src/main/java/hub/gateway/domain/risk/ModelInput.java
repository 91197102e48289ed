package hub.gateway.domain.risk;

import java.util.List;
import java.util.Objects;

/**
 * What the learned signal scores: the message as read ({@link RiskPolicy#read}) and the cues of what the rules found
 * in it ({@code rule:scam}, {@code intent:transaction}, {@code intent:invitation}…), so that the model weighs the
 * rules' findings beside the message's n-grams — a reported transaction lowers the odds of spam that "20% off" raises.
 */
public record ModelInput(String plain, List<String> cues) {
    public ModelInput {
        Objects.requireNonNull(plain);
        cues = List.copyOf(cues);
    }
}
