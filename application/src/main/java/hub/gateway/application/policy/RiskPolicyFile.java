package hub.gateway.application.policy;

import hub.gateway.domain.risk.ContentRules;
import hub.gateway.domain.risk.ContentSignal;
import hub.gateway.domain.risk.DuplicateContentRule;
import hub.gateway.domain.risk.FailedDeliveriesRule;
import hub.gateway.domain.risk.LearnedSignal;
import hub.gateway.domain.risk.LinkDestinations;
import hub.gateway.domain.risk.LinkRules;
import hub.gateway.domain.risk.NgramModel;
import hub.gateway.domain.risk.OptOutsRule;
import hub.gateway.domain.risk.ReadingRules;
import hub.gateway.domain.risk.RepeatedViolationsRule;
import hub.gateway.domain.risk.ReportedTransaction;
import hub.gateway.domain.risk.RiskPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The risk policy as a file (Java properties, UTF-8): the gateway ships {@value #DEFAULT_RESOURCE} (next to this
 * class), and an operator replaces it with {@code GATEWAY_POLICY_FILE} — a restart applies a change, no rebuild.
 * docs/responsible-messaging.md explains every key. Every key is required; a value out of its range stops the
 * start with the key at fault.
 *
 * <p>Beside it lie the data the rules read with, which are not policy: the letter tables generated from ICU4J
 * ({@value ReadingTables#RESOURCE}) and the learned model ({@code model.file}, by default
 * {@value LearnedModelFile#DEFAULT_RESOURCE}), both written by tools/risk-model.
 */
public final class RiskPolicyFile {
    public static final String DEFAULT_RESOURCE = "default-risk-policy.properties";
    private static final List<String> CONTENT_SIGNALS =
            List.of("promotional_language", "political_campaigning", "scam", "cold_outreach");

    private RiskPolicyFile() {
    }

    /** The policy the gateway ships with. */
    public static RiskPolicy defaults() {
        try (InputStream in = RiskPolicyFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default risk policy is missing from the application module");
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
            signals.add(ContentSignal.of(name, integer(file, prefix + "cap", 0, 100),
                    phrases(file, prefix + "phrases"), patterns(file, prefix + "pattern."),
                    optionalPhrases(file, prefix + "mentions"), patterns(file, prefix + "mention_pattern.")));
        }
        LinkRules links = new LinkRules(
                set(file, "signal.shortened_link.hosts"),
                integer(file, "signal.shortened_link.weight", 0, 100),
                integer(file, "signal.raw_ip_link.weight", 0, 100),
                integer(file, "signal.punycode_link.weight", 0, 100),
                integer(file, "signal.userinfo_link.weight", 0, 100),
                integer(file, "signal.insecure_login_link.weight", 0, 100),
                integer(file, "signal.insecure_link.weight", 0, 100),
                set(file, "signal.insecure_login_link.words"),
                destinations(file));
        ContentRules content = new ContentRules(signals, reading(file), transaction(file), links, learned(file));
        int blockScore = integer(file, "block.score", 1, 100);
        DuplicateContentRule duplicateContent = new DuplicateContentRule(
                integer(file, "signal.duplicate_content.recipients", 1, 1_000_000),
                Duration.ofMinutes(integer(file, "signal.duplicate_content.window_minutes", 1, 10_080)));
        FailedDeliveriesRule failedDeliveries = new FailedDeliveriesRule(
                integer(file, "pause.failed_deliveries.of_last", 1, 10_000),
                integer(file, "pause.failed_deliveries.min_deliveries", 1, 10_000),
                share(file, "pause.failed_deliveries.share"));
        OptOutsRule optOuts = new OptOutsRule(
                integer(file, "pause.opt_outs.min", 1, 1_000_000),
                share(file, "pause.opt_outs.share"),
                Duration.ofHours(integer(file, "pause.opt_outs.window_hours", 1, 720)));
        RepeatedViolationsRule repeatedViolations = new RepeatedViolationsRule(
                integer(file, "pause.violations.count", 1, 1_000),
                Duration.ofMinutes(integer(file, "pause.violations.window_minutes", 1, 10_080)),
                integer(file, "pause.violations.min_score", 1, 100));
        return new RiskPolicy(blockScore, content, duplicateContent, failedDeliveries, optOuts, repeatedViolations);
    }

    private static ReadingRules reading(Properties file) {
        ReadingTables tables = ReadingTables.shipped();
        return new ReadingRules(tables.lookAlikes(), tables.decoratedLetters(), tables.arabicLatin(),
                characterMap(file, "reading.leet"), set(file, "reading.vocabulary"),
                characterMap(file, "reading.arabizi.digits"), set(file, "reading.arabizi.words"),
                integer(file, "signal.disguised_text.weight", 0, 100));
    }

    private static ReportedTransaction transaction(Properties file) {
        List<String> phrases = entries(file, "intent.transaction.phrases");
        List<String> patterns = new ArrayList<>();
        for (String key : numbered(file, "intent.transaction.pattern.")) {
            String regex = file.getProperty(key).strip();
            try {
                java.util.regex.Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new PolicyException(key + ": '" + regex + "' is not a regular expression");
            }
            patterns.add(regex);
        }
        return ReportedTransaction.of(phrases, patterns, integer(file, "intent.transaction.mention_percent", 0, 100));
    }

    /**
     * {@code Name: keyword keyword : domain domain}, entries separated by "|": who look-alike links imitate.
     */
    private static LinkDestinations destinations(Properties file) {
        List<LinkDestinations.Brand> brands = new ArrayList<>();
        for (String entry : entries(file, "signal.lookalike_link.brands")) {
            String[] fields = entry.split(":");
            if (fields.length != 3 || fields[0].isBlank() || fields[2].isBlank()) {
                throw new PolicyException("signal.lookalike_link.brands: '" + entry
                        + "' must be written Name: keywords : domains");
            }
            brands.add(new LinkDestinations.Brand(fields[0].strip(), words(fields[1]), words(fields[2])));
        }
        ReadingTables tables = ReadingTables.shipped();
        return new LinkDestinations(brands, integer(file, "signal.lookalike_link.weight", 0, 100),
                set(file, "signal.free_hosting_link.hosts"), integer(file, "signal.free_hosting_link.weight", 0, 100),
                set(file, "signal.whatsapp_link.hosts"), integer(file, "signal.whatsapp_link.weight", 0, 100),
                integer(file, "signal.new_link_host.weight", 0, 100),
                Duration.ofDays(integer(file, "signal.new_link_host.days", 1, 3650)), tables::asLatin);
    }

    private static Optional<LearnedSignal> learned(Properties file) {
        String name = file.getProperty("model.file");
        if (name == null || name.isBlank()) {
            throw new PolicyException("model.file is missing (write none for no learned signal)");
        }
        if (name.strip().equals("none")) {
            return Optional.empty();
        }
        NgramModel model = LearnedModelFile.load(name.strip());
        int weight = integer(file, "model.weight", 0, 100);
        double from = share(file, "model.from");
        if (from >= 1) {
            throw new PolicyException("model.from must be below 1, was " + from);
        }
        return Optional.of(new LearnedSignal(model, weight, from));
    }

    private static Set<String> words(String field) {
        return new LinkedHashSet<>(Arrays.stream(field.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList());
    }

    /** {@code a=b c=d}: white-space separated pairs, a single character before each "=". */
    private static Map<Character, String> characterMap(Properties file, String key) {
        String raw = file.getProperty(key);
        if (raw == null) {
            throw new PolicyException(key + " is missing");
        }
        Map<Character, String> map = new HashMap<>();
        for (String pair : raw.strip().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=', 1);
            if (equals != 1 || pair.length() < 3) {
                throw new PolicyException(key + ": '" + pair + "' must be written x=letters");
            }
            map.merge(pair.charAt(0), pair.substring(2), String::concat);
        }
        return map;
    }

    private static List<ContentSignal.WeightedPhrase> optionalPhrases(Properties file, String key) {
        return file.getProperty(key) == null ? List.of() : phrases(file, key);
    }

    private static List<String> numbered(Properties file, String prefix) {
        return file.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    private static List<ContentSignal.WeightedPhrase> phrases(Properties file, String key) {
        List<ContentSignal.WeightedPhrase> phrases = new ArrayList<>();
        for (String entry : entries(file, key)) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new PolicyException(key + ": '" + entry + "' must be written phrase:weight");
            }
            phrases.add(new ContentSignal.WeightedPhrase(entry.substring(0, colon), weight(key, entry.substring(colon + 1))));
        }
        return phrases;
    }

    /** One regular expression per key ({@code <prefix>1}, {@code <prefix>2}, …): "|" belongs to the regex. */
    private static List<ContentSignal.WeightedPattern> patterns(Properties file, String prefix) {
        List<ContentSignal.WeightedPattern> patterns = new ArrayList<>();
        for (String key : numbered(file, prefix)) {
            String entry = file.getProperty(key).strip();
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new PolicyException(key + ": '" + entry + "' must be written pattern:weight");
            }
            try {
                patterns.add(ContentSignal.WeightedPattern.of(entry.substring(0, colon), weight(key, entry.substring(colon + 1))));
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
        return new LinkedHashSet<>(entries(file, key)); // LinkRules folds them
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
