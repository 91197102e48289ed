package hub.gateway.domain.risk;

import hub.gateway.domain.text.PhraseList;
import hub.gateway.domain.text.PhraseStarts;
import hub.gateway.domain.text.TextNormaliser;
import hub.gateway.domain.text.TextPattern;
import hub.gateway.domain.text.WordForms;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The responsible-messaging rules with their weights and thresholds, read from a policy file (Java
 * properties, UTF-8): the gateway ships {@code default-risk-policy.properties}, and an operator replaces
 * it with {@code GATEWAY_POLICY_FILE} — a restart applies a change, no rebuild. docs/responsible-messaging.md
 * explains every key.
 */
public final class RiskPolicy {
    public static final String DEFAULT_RESOURCE = "default-risk-policy.properties";
    private static final List<String> CONTENT_SIGNALS =
            List.of("promotional_language", "political_campaigning", "scam", "cold_outreach");

    private final int blockScore;
    private final List<ContentSignal> contentSignals;
    /** Worked out from the signals' phrases once: lets most messages skip the phrase search. */
    private final PhraseStarts phraseStarts;
    private final LinkRules links;
    private final int duplicateRecipients;
    private final Duration duplicateWindow;
    private final int failedDeliveriesOfLast;
    private final int failedDeliveriesMinimum;
    private final double failedDeliveriesShare;
    private final int optOutsMinimum;
    private final double optOutsShare;
    private final Duration optOutsWindow;
    private final int violationsToPause;
    private final Duration violationsWindow;

    /** One parameter per key of the policy file: only {@link #parse} calls it. */
    private RiskPolicy(int blockScore, List<ContentSignal> contentSignals, LinkRules links, int duplicateRecipients,
                       Duration duplicateWindow, int failedDeliveriesOfLast, int failedDeliveriesMinimum,
                       double failedDeliveriesShare, int optOutsMinimum, double optOutsShare, Duration optOutsWindow,
                       int violationsToPause, Duration violationsWindow) {
        if (blockScore < 1 || blockScore > 100) {
            throw new PolicyException("block.score must be between 1 and 100");
        }
        this.blockScore = blockScore;
        this.contentSignals = List.copyOf(contentSignals);
        this.phraseStarts = new PhraseStarts(this.contentSignals.stream().map(ContentSignal::phrases).toList());
        this.links = links;
        this.duplicateRecipients = duplicateRecipients;
        this.duplicateWindow = duplicateWindow;
        this.failedDeliveriesOfLast = failedDeliveriesOfLast;
        this.failedDeliveriesMinimum = failedDeliveriesMinimum;
        this.failedDeliveriesShare = failedDeliveriesShare;
        this.optOutsMinimum = optOutsMinimum;
        this.optOutsShare = optOutsShare;
        this.optOutsWindow = optOutsWindow;
        this.violationsToPause = violationsToPause;
        this.violationsWindow = violationsWindow;
    }

    public int blockScore() {
        return blockScore;
    }

    public List<ContentSignal> contentSignals() {
        return contentSignals;
    }

    /** More distinct recipients of one text than this within {@link #duplicateWindow} block it. */
    public int duplicateRecipients() {
        return duplicateRecipients;
    }

    public Duration duplicateWindow() {
        return duplicateWindow;
    }

    /** How many of an instance's latest deliveries its failure share is taken over. */
    public int failedDeliveriesOfLast() {
        return failedDeliveriesOfLast;
    }

    public int optOutsMinimum() {
        return optOutsMinimum;
    }

    public Duration optOutsWindow() {
        return optOutsWindow;
    }

    public Duration violationsWindow() {
        return violationsWindow;
    }

    /** The policy the gateway ships with. */
    public static RiskPolicy defaults() {
        try (InputStream in = RiskPolicy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default risk policy is missing from the domain module");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws PolicyException naming the key that is missing or wrong */
    public static RiskPolicy parse(Reader reader) throws IOException {
        Properties file = new Properties();
        file.load(reader);
        List<ContentSignal> signals = new ArrayList<>();
        for (String name : CONTENT_SIGNALS) {
            String prefix = "signal." + name + ".";
            signals.add(new ContentSignal(name, integer(file, prefix + "cap", 0, 100),
                    new PhraseList(phrases(file, prefix + "phrases")), patterns(file, prefix + "pattern.")));
        }
        LinkRules links = new LinkRules(
                set(file, "signal.shortened_link.hosts"),
                integer(file, "signal.shortened_link.weight", 0, 100),
                integer(file, "signal.raw_ip_link.weight", 0, 100),
                integer(file, "signal.punycode_link.weight", 0, 100),
                integer(file, "signal.userinfo_link.weight", 0, 100),
                integer(file, "signal.insecure_login_link.weight", 0, 100),
                integer(file, "signal.insecure_link.weight", 0, 100),
                set(file, "signal.insecure_login_link.words"));
        return new RiskPolicy(
                integer(file, "block.score", 1, 100),
                signals,
                links,
                integer(file, "signal.duplicate_content.recipients", 1, 1_000_000),
                Duration.ofMinutes(integer(file, "signal.duplicate_content.window_minutes", 1, 10_080)),
                integer(file, "pause.failed_deliveries.of_last", 1, 10_000),
                integer(file, "pause.failed_deliveries.min_deliveries", 1, 10_000),
                share(file, "pause.failed_deliveries.share"),
                integer(file, "pause.opt_outs.min", 1, 1_000_000),
                share(file, "pause.opt_outs.share"),
                Duration.ofHours(integer(file, "pause.opt_outs.window_hours", 1, 720)),
                integer(file, "pause.violations.count", 1, 1_000),
                Duration.ofMinutes(integer(file, "pause.violations.window_minutes", 1, 10_080)));
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

    /** The same text to more than the allowed number of recipients: this alone blocks. */
    public RiskAssessment duplicateContent(int recipients, RiskAssessment contentAssessment) {
        return duplicateContent(Integer.toString(recipients), contentAssessment);
    }

    /**
     * {@link #duplicateContent(int, RiskAssessment)} before the recipients are counted: the send gate counts them
     * under its lock and puts the count where {@link #RECIPIENTS} stands in the evidence.
     */
    public RiskAssessment duplicateContentToCount(RiskAssessment contentAssessment) {
        return duplicateContent(RECIPIENTS, contentAssessment);
    }

    /** Where the count goes in the evidence of {@link #duplicateContentToCount}. */
    public static final String RECIPIENTS = "{recipients}";

    private RiskAssessment duplicateContent(String recipients, RiskAssessment contentAssessment) {
        List<RiskSignal> signals = new ArrayList<>(contentAssessment.signals());
        signals.add(new RiskSignal("duplicate_content", 100,
                "the same text to " + recipients + " recipients within " + duplicateWindow.toMinutes() + " minutes"));
        return new RiskAssessment(100, RiskAction.BLOCK, signals);
    }

    /** After a violation is recorded: the count within the window, this one included, may pause. */
    public Optional<RiskAssessment> pauseForViolations(int violationsInWindow, RiskAssessment violation) {
        if (violationsInWindow < violationsToPause) {
            return Optional.empty();
        }
        List<RiskSignal> signals = new ArrayList<>(violation.signals());
        signals.add(new RiskSignal("repeated_violations", 100, violationsInWindow + " policy violations within "
                + violationsWindow.toMinutes() + " minutes"));
        return Optional.of(new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, signals));
    }

    private List<RiskSignal> pauseSignals(BehaviourFacts facts) {
        if (facts.recentFailures() == 0 && facts.optOuts() == 0) {
            return List.of(); // most instances: nothing to weigh
        }
        List<RiskSignal> signals = new ArrayList<>();
        if (facts.recentDeliveries() >= failedDeliveriesMinimum
                && facts.recentFailures() >= failedDeliveriesShare * facts.recentDeliveries()) {
            signals.add(new RiskSignal("failed_deliveries", 100,
                    facts.recentFailures() + " of the last " + facts.recentDeliveries() + " deliveries failed"));
        }
        if (facts.optOuts() >= optOutsMinimum && facts.distinctRecipients() > 0
                && facts.optOuts() >= optOutsShare * facts.distinctRecipients()) {
            signals.add(new RiskSignal("opt_outs", 100, facts.optOuts() + " of " + facts.distinctRecipients()
                    + " recipients opted out within " + optOutsWindow.toHours() + " hours"));
        }
        return signals;
    }

    private static List<PhraseList.Phrase> phrases(Properties file, String key) {
        List<PhraseList.Phrase> phrases = new ArrayList<>();
        for (String entry : entries(file, key)) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new PolicyException(key + ": '" + entry + "' must be written phrase:weight");
            }
            phrases.add(PhraseList.Phrase.of(entry.substring(0, colon), weight(key, entry.substring(colon + 1))));
        }
        return phrases;
    }

    /** One regular expression per key ({@code <prefix>1}, {@code <prefix>2}, …): "|" belongs to the regex. */
    private static List<ContentSignal.WeightedPattern> patterns(Properties file, String prefix) {
        List<ContentSignal.WeightedPattern> patterns = new ArrayList<>();
        List<String> keys = file.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        for (String key : keys) {
            String entry = file.getProperty(key).strip();
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new PolicyException(key + ": '" + entry + "' must be written pattern:weight");
            }
            try {
                patterns.add(new ContentSignal.WeightedPattern(TextPattern.compile(entry.substring(0, colon)),
                        weight(key, entry.substring(colon + 1))));
            } catch (PatternSyntaxException e) {
                throw new PolicyException(key + ": '" + entry.substring(0, colon) + "' is not a regular expression");
            }
        }
        return patterns;
    }

    private static List<String> entries(Properties file, String key) {
        String value = file.getProperty(key, "");
        return Arrays.stream(value.split("\\|")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private static Set<String> set(Properties file, String key) {
        return new LinkedHashSet<>(entries(file, key).stream().map(TextNormaliser::fold).toList());
    }

    private static int weight(String key, String raw) {
        try {
            int weight = Integer.parseInt(raw.strip());
            if (weight < 0 || weight > 100) {
                throw new PolicyException(key + ": weights are between 0 and 100, was " + weight);
            }
            return weight;
        } catch (NumberFormatException e) {
            throw new PolicyException(key + ": '" + raw + "' is not a whole number");
        }
    }

    private static int integer(Properties file, String key, int min, int max) {
        String raw = file.getProperty(key);
        if (raw == null) {
            throw new PolicyException(key + " is missing");
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                throw new PolicyException(key + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new PolicyException(key + ": '" + raw + "' is not a whole number");
        }
    }

    private static double share(Properties file, String key) {
        String raw = file.getProperty(key);
        if (raw == null) {
            throw new PolicyException(key + " is missing");
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value <= 0 || value > 1) {
                throw new PolicyException(key + " must be a share above 0 and at most 1, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new PolicyException(key + ": '" + raw + "' is not a number");
        }
    }

    /** A policy file that cannot be used, with the key at fault; the gateway refuses to start with it. */
    public static final class PolicyException extends RuntimeException {
        public PolicyException(String message) {
            super(message);
        }
    }
}
