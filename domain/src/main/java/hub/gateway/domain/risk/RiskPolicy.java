package hub.gateway.domain.risk;

import hub.gateway.domain.text.PhraseStarts;
import hub.gateway.domain.text.TextNormaliser;
import hub.gateway.domain.text.WordForms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The responsible-messaging rules, each a value with its own assessment: the content signals and link rules
 * (scored together against the block score), the duplicate-content rule the send gate checks, the behaviour
 * rules that pause an instance, and the repeated-violations rule. Where the rules' weights and thresholds come
 * from (the shipped policy file, or the operator's) is the application's business, not this class's.
 */
public final class RiskPolicy {
    private final int blockScore;
    private final List<ContentSignal> contentSignals;
    /** Worked out from the signals' phrases once: lets most messages skip the phrase search. */
    private final PhraseStarts phraseStarts;
    private final LinkRules links;
    private final DuplicateContentRule duplicateContent;
    private final FailedDeliveriesRule failedDeliveries;
    private final OptOutsRule optOuts;
    private final RepeatedViolationsRule repeatedViolations;

    /** @param blockScore a content score from which a message is blocked, 1 to 100 */
    public RiskPolicy(int blockScore, List<ContentSignal> contentSignals, LinkRules links,
                      DuplicateContentRule duplicateContent, FailedDeliveriesRule failedDeliveries, OptOutsRule optOuts,
                      RepeatedViolationsRule repeatedViolations) {
        if (blockScore < 1 || blockScore > 100) {
            throw new IllegalArgumentException("block.score must be between 1 and 100");
        }
        this.blockScore = blockScore;
        this.contentSignals = List.copyOf(contentSignals);
        this.phraseStarts = new PhraseStarts(this.contentSignals.stream().map(ContentSignal::phrases).toList());
        this.links = Objects.requireNonNull(links);
        this.duplicateContent = Objects.requireNonNull(duplicateContent);
        this.failedDeliveries = Objects.requireNonNull(failedDeliveries);
        this.optOuts = Objects.requireNonNull(optOuts);
        this.repeatedViolations = Objects.requireNonNull(repeatedViolations);
    }

    public int blockScore() {
        return blockScore;
    }

    public List<ContentSignal> contentSignals() {
        return contentSignals;
    }

    public LinkRules links() {
        return links;
    }

    public DuplicateContentRule duplicateContent() {
        return duplicateContent;
    }

    public FailedDeliveriesRule failedDeliveries() {
        return failedDeliveries;
    }

    public OptOutsRule optOuts() {
        return optOuts;
    }

    public RepeatedViolationsRule repeatedViolations() {
        return repeatedViolations;
    }

    /** The content of one message: language, links. Behaviour is judged by {@link #assess}. */
    public List<RiskSignal> contentSignals(String text) {
        return contentSignals(FoldedText.of(text));
    }

    public List<RiskSignal> contentSignals(FoldedText text) {
        List<WordForms> words = WordForms.ofAll(TextNormaliser.tokensOfFolded(text.folded()));
        if (!phraseStarts.anyMayStart(words)) {
            words = List.of(); // no phrase can occur: the signals look at their patterns only
        }
        List<RiskSignal> found = new ArrayList<>();
        for (ContentSignal signal : contentSignals) {
            signal.assessForms(text.folded(), words).ifPresent(found::add);
        }
        found.addAll(links.assess(text.original()));
        return found;
    }

    /**
     * Step 9 of the send checks, for what can be judged before the send is counted: the content, and an
     * instance whose failed deliveries or opt-outs have passed their thresholds (which pauses it).
     */
    public RiskAssessment assess(String text, BehaviourFacts facts) {
        return assess(FoldedText.of(text), facts);
    }

    /** As {@link #assess(String, BehaviourFacts)}, for a message the send path has folded once for every rule. */
    public RiskAssessment assess(FoldedText text, BehaviourFacts facts) {
        List<RiskSignal> pauseSignals = pauseSignals(facts);
        if (!pauseSignals.isEmpty()) {
            return new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, pauseSignals);
        }
        List<RiskSignal> signals = contentSignals(text);
        if (signals.isEmpty()) {
            return RiskAssessment.CLEAN; // most messages
        }
        int sum = 0;
        for (RiskSignal signal : signals) {
            sum += signal.weight();
        }
        int score = Math.min(100, sum);
        return new RiskAssessment(score, score >= blockScore ? RiskAction.BLOCK : RiskAction.ALLOW, signals);
    }

    private List<RiskSignal> pauseSignals(BehaviourFacts facts) {
        if (facts.recentFailures() == 0 && facts.optOuts() == 0) {
            return List.of(); // most instances: nothing to weigh
        }
        List<RiskSignal> signals = new ArrayList<>(2);
        failedDeliveries.assess(facts).ifPresent(signals::add);
        optOuts.assess(facts).ifPresent(signals::add);
        return signals;
    }
}
