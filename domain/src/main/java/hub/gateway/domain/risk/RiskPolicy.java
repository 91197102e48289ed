package hub.gateway.domain.risk;

import hub.gateway.domain.text.ArabiziReader;
import hub.gateway.domain.text.PhraseList;
import hub.gateway.domain.text.PhraseStarts;
import hub.gateway.domain.text.Reading;
import hub.gateway.domain.text.TextNormaliser;
import hub.gateway.domain.text.TextReader;
import hub.gateway.domain.text.Vocabulary;
import hub.gateway.domain.text.WordForms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The responsible-messaging rules, each a value with its own assessment: the content rules (the message read through
 * its disguises, the content signals with what a reported transaction does to their mentions, the links, the learned
 * signal), scored together against the block score; the duplicate-content rule the send gate checks; the behaviour
 * rules that pause an instance; and the repeated-violations rule. Where the rules' weights and thresholds come from
 * (the shipped policy file, or the operator's) is the application's business, not this class's.
 */
public final class RiskPolicy {
    public static final String DISGUISED_TEXT = "disguised_text";

    private final int blockScore;
    private final ContentRules content;
    private final TextReader reader;
    private final List<ArabiziPhrases> arabiziPhrases;
    /** Worked out from the signals' phrases once: lets most messages skip the phrase search. */
    private final PhraseStarts phraseStarts;
    private final DuplicateContentRule duplicateContent;
    private final FailedDeliveriesRule failedDeliveries;
    private final OptOutsRule optOuts;
    private final RepeatedViolationsRule repeatedViolations;

    /** @param blockScore a content score from which a message is blocked, 1 to 100 */
    public RiskPolicy(int blockScore, ContentRules content, DuplicateContentRule duplicateContent,
                      FailedDeliveriesRule failedDeliveries, OptOutsRule optOuts,
                      RepeatedViolationsRule repeatedViolations) {
        if (blockScore < 1 || blockScore > 100) {
            throw new IllegalArgumentException("block.score must be between 1 and 100");
        }
        this.blockScore = blockScore;
        this.content = Objects.requireNonNull(content);
        ReadingRules reading = content.reading();
        ArabiziReader arabizi = new ArabiziReader(reading.arabicLatin(), reading.arabiziDigits(), reading.arabiziWords());
        Map<Integer, TextReader.LookAlike> letters = new HashMap<>();
        reading.decoratedLetters().forEach((c, read) -> letters.put(c, new TextReader.LookAlike(read, false)));
        reading.lookAlikes().forEach((c, read) -> letters.put(c, new TextReader.LookAlike(read, true)));
        this.reader = new TextReader(letters, reading.leet(), vocabulary(content), arabizi);
        this.arabiziPhrases = content.signals().stream().map(signal -> ArabiziPhrases.of(signal, arabizi)).toList();
        List<PhraseList> lists = new ArrayList<>();
        for (ContentSignal signal : content.signals()) {
            lists.add(signal.phrases());
            lists.add(signal.mentions());
        }
        lists.add(content.transaction().phrases());
        this.phraseStarts = new PhraseStarts(lists);
        this.duplicateContent = Objects.requireNonNull(duplicateContent);
        this.failedDeliveries = Objects.requireNonNull(failedDeliveries);
        this.optOuts = Objects.requireNonNull(optOuts);
        this.repeatedViolations = Objects.requireNonNull(repeatedViolations);
    }

    /** Phrases, patterns and links only (tests of single rules). */
    public RiskPolicy(int blockScore, List<ContentSignal> contentSignals, LinkRules links,
                      DuplicateContentRule duplicateContent, FailedDeliveriesRule failedDeliveries, OptOutsRule optOuts,
                      RepeatedViolationsRule repeatedViolations) {
        this(blockScore, ContentRules.ofSignals(contentSignals, links), duplicateContent, failedDeliveries, optOuts,
                repeatedViolations);
    }

    /** Every word of every phrase, and the policy's own list: what a disguise is undone to reveal. */
    private static Vocabulary vocabulary(ContentRules content) {
        Set<String> words = new HashSet<>();
        Set<String> stems = new HashSet<>();
        for (ContentSignal signal : content.signals()) {
            for (PhraseList list : List.of(signal.phrases(), signal.mentions())) {
                for (PhraseList.Phrase phrase : list.phrases()) {
                    words.addAll(phrase.tokens());
                    if (phrase.wildcardLast()) {
                        stems.add(phrase.tokens().getLast());
                    }
                }
            }
        }
        content.reading().vocabulary().forEach(word -> words.add(TextNormaliser.fold(word)));
        words.removeIf(word -> word.length() < 3);
        return new Vocabulary(words, stems);
    }

    /** The same policy with another learned signal, or none (the training tool scores each fold with its own). */
    public RiskPolicy withLearned(Optional<LearnedSignal> learned) {
        return new RiskPolicy(blockScore, content.withLearned(learned), duplicateContent, failedDeliveries, optOuts,
                repeatedViolations);
    }

    public int blockScore() {
        return blockScore;
    }

    public ContentRules content() {
        return content;
    }

    public List<ContentSignal> contentSignals() {
        return content.signals();
    }

    public LinkRules links() {
        return content.links();
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

    /** The message as the content rules read it: its disguises undone (see {@code TextReader}). */
    public String read(String text) {
        return reader.read(text).plain();
    }

    /** The content of one message: language, links. Behaviour is judged by {@link #assess}. */
    public List<RiskSignal> contentSignals(String text) {
        return contentSignals(FoldedText.of(text));
    }

    public List<RiskSignal> contentSignals(FoldedText text) {
        return withLearned(judgeByRules(text.original()));
    }

    private List<RiskSignal> withLearned(Judged judged) {
        if (content.learned().isEmpty()) {
            return judged.signals();
        }
        List<RiskSignal> result = new ArrayList<>(judged.signals());
        content.learned().get().assess(judged.input()).ifPresent(result::add);
        return result;
    }

    /**
     * What the learned signal scores for a message: its reading and the cues of what the rules found. The training
     * tool learns from exactly this.
     */
    public ModelInput modelInput(String text) {
        return judgeByRules(text).input();
    }

    /**
     * The rules' signals for a message, those the send gate is to judge with the facts it holds, and what the learned
     * signal is given to score it.
     */
    private record Judged(List<RiskSignal> signals, List<ConditionalSignal> conditional, ModelInput input) {
    }

    private Judged judgeByRules(String original) {
        Reading reading = reader.read(original);
        String plain = reading.plain();
        List<WordForms> words = WordForms.ofAll(TextNormaliser.tokensOfFolded(plain));
        if (!phraseStarts.anyMayStart(words)) {
            words = List.of(); // no phrase can occur: the signals look at their patterns only
        }
        List<WordForms> skeletons = reading.isArabizi() ? WordForms.ofAll(reading.arabiziSkeletons()) : List.of();
        List<ContentSignal> signals = content.signals();
        List<ContentSignal.Found> found = new ArrayList<>(signals.size());
        boolean mentions = false;
        boolean invitations = false;
        for (int i = 0; i < signals.size(); i++) {
            ContentSignal.Found one = signals.get(i).find(plain, words, arabiziPhrases.get(i).find(skeletons));
            found.add(one);
            mentions |= !one.mentions().isEmpty();
            // What the message asks is read from the signals that tell mentions from invitations: a scam's "wallet"
            // or a courier's "المندوب" invites no purchase.
            invitations |= !one.invitations().isEmpty() && !signals.get(i).mentions().phrases().isEmpty();
        }
        // What the message does: a reported transaction that invites nothing weighs its mentions less.
        List<String> transaction = mentions || invitations ? content.transaction().evidence(plain, words) : List.of();
        List<String> dampening = invitations ? List.of() : transaction;
        List<RiskSignal> result = new ArrayList<>();
        List<String> cues = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            ContentSignal.Found one = found.get(i);
            if (!one.isEmpty()) {
                RiskSignal signal = signal(signals.get(i), one, dampening);
                result.add(signal);
                cues.add(cue("rule:" + signal.name(), signal.weight()));
            }
        }
        if (!transaction.isEmpty()) {
            cues.add("intent:transaction");
        }
        if (invitations) {
            cues.add("intent:invitation");
        }
        if (mentions) {
            cues.add("intent:mention");
        }
        if (!reading.disguises().isEmpty() && content.reading().disguisedWeight() > 0) {
            result.add(new RiskSignal(DISGUISED_TEXT, content.reading().disguisedWeight(),
                    String.join(", ", reading.disguises())));
            cues.add("rule:" + DISGUISED_TEXT);
        }
        if (reading.isArabizi()) {
            cues.add("reading:arabizi");
        }
        LinkRules.Judged links = content.links().judge(original);
        for (RiskSignal link : links.signals()) {
            result.add(link);
            cues.add("rule:" + link.name());
        }
        return new Judged(result, links.conditional(), new ModelInput(plain, cues));
    }

    /** A rule's finding as a cue of the learned signal, with how much it weighed: low, mid or high. */
    private static String cue(String name, int weight) {
        return name + (weight < 30 ? ":low" : weight < 60 ? ":mid" : ":high");
    }

    private RiskSignal signal(ContentSignal signal, ContentSignal.Found found, List<String> transaction) {
        List<String> evidence = new ArrayList<>(found.invitations());
        evidence.addAll(found.mentions());
        int mentionWeight = found.mentionWeight();
        String intent = "";
        if (!transaction.isEmpty() && !found.mentions().isEmpty()) {
            mentionWeight = content.transaction().weighed(mentionWeight);
            intent = "; reports a transaction (" + String.join(", ", transaction) + ") and invites nothing: "
                    + String.join(", ", found.mentions()) + " weighed at " + content.transaction().mentionPercent() + "%";
        }
        int weight = Math.min(signal.cap(), found.invitationWeight() + mentionWeight);
        return new RiskSignal(signal.name(), weight, String.join(", ", evidence) + intent);
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
        return assessForSend(text, facts).assessment();
    }

    /**
     * A send's assessment, and the signals whose weight counts only if a fact the send gate holds is true for it
     * ({@link ConditionalSignal}): the gate adds those that hold and refuses when they bring the score to the block
     * score ({@link #withHeld}).
     */
    public record Assessed(RiskAssessment assessment, List<ConditionalSignal> conditional) {
        public Assessed {
            java.util.Objects.requireNonNull(assessment);
            conditional = List.copyOf(conditional);
        }
    }

    public Assessed assessForSend(FoldedText text, BehaviourFacts facts) {
        List<RiskSignal> pauseSignals = pauseSignals(facts);
        if (!pauseSignals.isEmpty()) {
            return new Assessed(new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, pauseSignals), List.of());
        }
        Judged judged = judgeByRules(text.original());
        List<RiskSignal> signals = withLearned(judged);
        return new Assessed(scored(signals), judged.conditional());
    }

    /** The assessment with the conditional signals that held added: the score the gate judges. */
    public RiskAssessment withHeld(RiskAssessment base, List<RiskSignal> held) {
        if (held.isEmpty() || base.action() == RiskAction.PAUSE_INSTANCE) {
            return base;
        }
        List<RiskSignal> signals = new ArrayList<>(base.signals());
        signals.addAll(held);
        return scored(signals);
    }

    /**
     * A message's assessment as the gate gives it on a fresh instance of a fresh gateway, where every conditional
     * signal holds (a first message to every recipient, every host new): how the corpus report judges messages.
     */
    public RiskAssessment assessAsFirstContact(String text) {
        Assessed assessed = assessForSend(FoldedText.of(text), BehaviourFacts.NONE);
        return withHeld(assessed.assessment(), assessed.conditional().stream().map(ConditionalSignal::signal).toList());
    }

    private RiskAssessment scored(List<RiskSignal> signals) {
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
