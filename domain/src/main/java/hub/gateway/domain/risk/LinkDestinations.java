package hub.gateway.domain.risk;

import java.net.IDN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Links judged by where they lead. A host that imitates a bank, a payment service, a courier or a government
 * service — a brand's name inside another domain ({@code aramex-track.top}, {@code alrajhibank.com.sa.verify.help}),
 * a domain one or two letters away from the brand's own ({@code alrajhibenk.com}, {@code paypa1.com}), or an
 * internationalised domain whose letters only look like the brand's ({@code раypal.com}) — is a look-alike, named
 * with the brand and its real domains. The brand's own domains and their subdomains are not. Pages on free hosting
 * ({@code *.weebly.com}, {@code *.netlify.app}…) and links that open a WhatsApp chat with someone ({@code wa.me}) are
 * signals of their own.
 */
public final class LinkDestinations {
    public static final LinkDestinations NONE = new LinkDestinations(List.of(), 0, Set.of(), 0, Set.of(), 0, 0,
            Duration.ofDays(1), UnaryOperator.identity());
    /** A host this many labels deep or deeper is recorded by its last labels: one campaign, many subdomains. */
    private static final int RECORDED_LABELS = 3;
    /** Second-level labels under which a country's domains are registered (alrajhibank.com.sa). */
    private static final Set<String> SECOND_LEVEL = Set.of("com", "net", "org", "gov", "edu", "co", "ac", "sch", "mil",
            "med", "biz", "info", "gob", "go", "or", "ne");
    private static final Map<Character, Character> DIGITS_AS_LETTERS = Map.of('0', 'o', '1', 'l', '3', 'e', '5', 's',
            '4', 'a', '7', 't', '8', 'b');

    private final List<Brand> brands;
    private final int lookAlikeWeight;
    private final Set<String> freeHosts;
    private final int freeHostingWeight;
    private final Set<String> whatsappHosts;
    private final int whatsappWeight;
    private final int newHostWeight;
    private final Duration newHostAge;
    private final UnaryOperator<String> asLatin;
    // Worked out once: a link is judged against every brand on the send path, by look-up rather than by scan.
    private final Map<String, Brand> ownDomains = new HashMap<>();
    private final Map<String, Brand> shortKeywords = new HashMap<>();
    private final Map<String, Brand> fiveLetterKeywords = new HashMap<>();
    private final Map<String, Brand> longKeywords = new LinkedHashMap<>();
    private final Map<Integer, List<Map.Entry<String, String>>> registrableByLength = new HashMap<>();
    /** Which letters a to z each registrable label holds: one edit changes at most two of them, so most are passed over. */
    private final Map<String, Integer> letterSets = new HashMap<>();
    /**
     * What each host recently linked gave, by host: a host's judgement depends on the host alone, and the links of a
     * day's sends lead to few hosts, so the send path mostly judges a host once. Emptied when full: a campaign of
     * ever-new hosts costs what it cost before, and memory stays bounded.
     */
    private final Map<String, HostJudgement> judged = new ConcurrentHashMap<>();
    private static final int MOST_HOSTS_REMEMBERED = 4096;

    private record HostJudgement(List<RiskSignal> signals, List<ConditionalSignal> conditional) {
    }

    /**
     * @param brands        who is imitated: names, the words of their names found in hosts, their real domains
     * @param freeHosts     free-hosting domains (a host on one, or under one)
     * @param whatsappHosts hosts of links that open a WhatsApp chat; weighed {@code whatsappWeight} in a message to a
     *                      recipient who never wrote to the instance
     * @param newHostWeight the weight of a host no accepted send linked to before {@code newHostAge} ago
     * @param asLatin       reads a host's look-alike letters as Latin ones (the confusables table)
     */
    public LinkDestinations(List<Brand> brands, int lookAlikeWeight, Set<String> freeHosts, int freeHostingWeight,
                            Set<String> whatsappHosts, int whatsappWeight, int newHostWeight, Duration newHostAge,
                            UnaryOperator<String> asLatin) {
        this.brands = List.copyOf(brands);
        this.lookAlikeWeight = lookAlikeWeight;
        this.freeHosts = Set.copyOf(freeHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.freeHostingWeight = freeHostingWeight;
        this.whatsappHosts = Set.copyOf(whatsappHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.whatsappWeight = whatsappWeight;
        this.newHostWeight = newHostWeight;
        this.newHostAge = Objects.requireNonNull(newHostAge);
        this.asLatin = Objects.requireNonNull(asLatin);
        for (Brand brand : this.brands) {
            for (String domain : brand.domains()) {
                ownDomains.putIfAbsent(domain, brand);
                String own = registrableLabel(domain.split("\\."));
                if (own.length() >= 5) {
                    registrableByLength.computeIfAbsent(own.length(), n -> new ArrayList<>()).add(Map.entry(own, domain));
                    letterSets.put(own, letterSet(own));
                }
            }
            for (String keyword : brand.keywords()) {
                (keyword.length() <= 4 ? shortKeywords : keyword.length() == 5 ? fiveLetterKeywords : longKeywords)
                        .putIfAbsent(keyword, brand);
            }
        }
    }

    public List<Brand> brands() {
        return brands;
    }

    /**
     * A brand that look-alike links imitate.
     *
     * @param keywords words of its name as they appear in hosts ("alrajhi", "stcpay"): one of four letters or fewer
     *                 counts only as a whole label or hyphenated part of a host ("stc-pay.info"), one of five as such a
     *                 part or the start of one ("applecare-id.com": not "pineapple"), a longer one anywhere in it
     * @param domains  its real domains; their subdomains are its own too
     */
    public record Brand(String name, Set<String> keywords, Set<String> domains) {
        public Brand {
            Objects.requireNonNull(name);
            keywords = Set.copyOf(keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList());
            domains = Set.copyOf(domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
            if (domains.isEmpty()) {
                throw new IllegalArgumentException(name + ": a brand needs at least one real domain");
            }
        }
    }

    /**
     * The signals a link's host gives that depend on a fact the send gate holds: a WhatsApp chat link in a first
     * message, a host no accepted send linked to lately (never a brand's own domain, nor a WhatsApp link).
     */
    List<ConditionalSignal> conditional(String host) {
        return judgement(host).conditional();
    }

    private HostJudgement judgement(String host) {
        HostJudgement known = judged.get(host);
        if (known != null) {
            return known;
        }
        HostJudgement fresh = new HostJudgement(List.copyOf(judgeAfresh(host)), List.copyOf(conditionalAfresh(host)));
        if (judged.size() >= MOST_HOSTS_REMEMBERED) {
            judged.clear();
        }
        judged.put(host, fresh);
        return fresh;
    }

    private List<ConditionalSignal> conditionalAfresh(String host) {
        String bare = host.startsWith("www.") ? host.substring(4) : host;
        if (whatsappHosts.contains(bare)) {
            return whatsappWeight == 0 ? List.of() : List.of(new ConditionalSignal(new RiskSignal("whatsapp_link",
                    whatsappWeight, bare + " opens a WhatsApp chat, in a first message to this recipient"),
                    new ConditionalSignal.RecipientNeverWrote()));
        }
        if (newHostWeight == 0 || isOwnDomain(bare)) {
            return List.of();
        }
        String recorded = recordedHost(bare);
        return List.of(new ConditionalSignal(new RiskSignal("new_link_host", newHostWeight, recorded
                + " was first linked less than " + newHostAge.toDays() + " days ago"),
                new ConditionalSignal.HostNew(recorded, newHostAge)));
    }

    /** A host by its last three labels: "a.b.evil.example" and "c.b.evil.example" are one campaign's. */
    static String recordedHost(String host) {
        String[] labels = host.split("\\.");
        if (labels.length <= RECORDED_LABELS) {
            return host;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - RECORDED_LABELS, labels.length));
    }

    /** The signals a link's host gives, each with its evidence. */
    List<RiskSignal> judge(String host) {
        return judgement(host).signals();
    }

    private List<RiskSignal> judgeAfresh(String host) {
        String bare = host.startsWith("www.") ? host.substring(4) : host;
        List<RiskSignal> signals = new ArrayList<>(1);
        if (whatsappHosts.contains(bare)) {
            return signals; // judged with the recipient's history, by the gate
        }
        if (isOwnDomain(bare)) {
            return signals;
        }
        lookAlike(bare).ifPresent(evidence -> signals.add(new RiskSignal("lookalike_link", lookAlikeWeight, evidence)));
        String free = freeHostingWeight > 0 ? suffixIn(bare, freeHosts) : null;
        if (free != null) {
            signals.add(new RiskSignal("free_hosting_link", freeHostingWeight, bare + " is on free hosting (" + free + ")"));
        }
        return signals;
    }

    private boolean isOwnDomain(String host) {
        if (isGovernment(host)) {
            return true; // only a government registers under gov.sa, gov.ae…: no look-alike lives there
        }
        return suffixIn(host, ownDomains.keySet()) != null;
    }

    /** The host itself or the domain it is under (after one of its dots) that a set holds, or null. */
    private static String suffixIn(String host, Set<String> domains) {
        for (int at = -1; at < host.length(); at = host.indexOf('.', at + 1)) {
            String suffix = at < 0 ? host : host.substring(at + 1);
            if (domains.contains(suffix)) {
                return suffix;
            }
            if (host.indexOf('.', at + 1) < 0) {
                break;
            }
        }
        return null;
    }

    /** A host under a government's own second-level domain ("moi.gov.kw", "u.ae" is a brand's, listed). */
    private static boolean isGovernment(String host) {
        String[] labels = host.split("\\.");
        int n = labels.length;
        return n >= 2 && (labels[n - 1].equals("gov") || (n >= 3 && labels[n - 2].equals("gov") && labels[n - 1].length() == 2));
    }

    private Optional<String> lookAlike(String host) {
        if (lookAlikeWeight == 0 || brands.isEmpty()) {
            return Optional.empty();
        }
        String unicode = host;
        if (host.contains("xn--")) {
            try {
                unicode = IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                unicode = host;
            }
        }
        String latin = withDigitsAsLetters(asLatin.apply(unicode));
        boolean homograph = !latin.equals(host);
        String[] labels = latin.split("\\.");
        String registrable = registrableLabel(labels);
        List<String> parts = new ArrayList<>();
        for (String label : labels) {
            parts.add(label);
            for (String part : label.split("-")) {
                parts.add(part);
            }
        }
        if (homograph) {
            String own = suffixIn(latin, ownDomains.keySet());
            if (own != null) {
                return Optional.of(host + " reads as " + latin + ", the domain of " + ownDomains.get(own).name());
            }
        }
        for (String part : parts) {
            Brand brand = shortKeywords.get(part);
            if (brand == null && part.length() >= 5) {
                brand = fiveLetterKeywords.get(part.substring(0, 5));
                if (brand != null) {
                    return holds(host, part.substring(0, 5), brand);
                }
            }
            if (brand != null) {
                return holds(host, part, brand);
            }
        }
        for (Map.Entry<String, Brand> keyword : longKeywords.entrySet()) {
            if (latin.contains(keyword.getKey())) {
                return holds(host, keyword.getKey(), keyword.getValue());
            }
        }
        int letters = letterSet(registrable);
        for (int length = registrable.length() - 2; length <= registrable.length() + 2; length++) {
            for (Map.Entry<String, String> own : registrableByLength.getOrDefault(length, List.of())) {
                Brand brand = ownDomains.get(own.getValue());
                if (registrable.equals(own.getKey())) {
                    return Optional.of(host + " borrows the name of " + own.getValue() + ", the domain of " + brand.name());
                }
                if (Integer.bitCount(letters ^ letterSets.get(own.getKey())) <= 4 && isNear(registrable, own.getKey())) {
                    return Optional.of(host + " looks like " + own.getValue() + ", the domain of " + brand.name());
                }
            }
        }
        return Optional.empty();
    }

    private static int letterSet(String label) {
        int set = 0;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c >= 'a' && c <= 'z') {
                set |= 1 << (c - 'a');
            }
        }
        return set;
    }

    private static Optional<String> holds(String host, String keyword, Brand brand) {
        return Optional.of(host + " holds '" + keyword + "', the name of " + brand.name() + " (its domains: "
                + String.join(", ", brand.domains().stream().sorted().toList()) + ")");
    }

    private static String withDigitsAsLetters(String host) {
        StringBuilder read = new StringBuilder(host.length());
        String[] labels = host.split("\\.", -1);
        for (int l = 0; l < labels.length; l++) {
            String label = labels[l];
            boolean letters = label.chars().anyMatch(c -> c >= 'a' && c <= 'z');
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                read.append(letters && DIGITS_AS_LETTERS.containsKey(c) ? DIGITS_AS_LETTERS.get(c) : c);
            }
            if (l < labels.length - 1) {
                read.append('.');
            }
        }
        return read.toString();
    }

    /** The label a domain is registered by: {@code alrajhibank} of {@code online.alrajhibank.com.sa}. */
    private static String registrableLabel(String[] labels) {
        if (labels.length == 0) {
            return "";
        }
        if (labels.length >= 3 && labels[labels.length - 1].length() == 2 && SECOND_LEVEL.contains(labels[labels.length - 2])) {
            return labels[labels.length - 3];
        }
        return labels.length >= 2 ? labels[labels.length - 2] : labels[0];
    }

    /** One edit away (two for names of eight letters or more), a swap of neighbours counting as one. */
    static boolean isNear(String a, String b) {
        int allowed = b.length() >= 8 ? 2 : 1;
        if (Math.abs(a.length() - b.length()) > allowed) {
            return false;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()] <= allowed;
    }
}
