package hub.gateway.domain.risk;

import hub.gateway.domain.text.TextNormaliser;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links that hide where they go: URL shorteners, raw IP hosts, punycode hosts, user-info before the host
 * ("https://bank.com@evil.example"), login pages over plain http, and (weighed less) any plain-http link. Each kind fires once, with the
 * host as evidence. Links are found with or without a scheme ("bit.ly/x" counts).
 */
public record LinkRules(Set<String> shortenerHosts, int shortenerWeight, int rawIpWeight, int punycodeWeight,
                        int userInfoWeight, int insecureLoginWeight, int insecureLinkWeight, Set<String> loginWords,
                        LinkDestinations destinations) {
    // One whitespace-separated word, whole: scheme://[userinfo@]host[:port][/path] or a bare host.tld[/path].
    // Matched word by word (anchored) rather than searched through the text: searching backtracked over
    // every word of every message, which showed in the send path's profile.
    private static final Pattern LINK = Pattern.compile(
            "(?i)(?:(https?)://)?(?:([^\\s/@]+)@)?((?:[a-z0-9\\u00a1-\\uffff-]+\\.)+[a-z\\u00a1-\\uffff][a-z0-9\\u00a1-\\uffff-]*"
                    + "|\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-f:]+\\])(?::\\d+)?(/\\S*)?");
    /** What {@code \s} means to a regex without UNICODE_CHARACTER_CLASS. */
    private static final String WHITESPACE = " \t\n\u000B\f\r";
    private static final String LEADING = "([{<\"'«“";
    private static final String TRAILING = ".,;:!?)]}>\"'»”،؛؟";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    /** IDN.toASCII refuses a longer label; a host no longer than this has none. */
    private static final int MAX_LABEL = 63;
    /**
     * Top-level domains a host written without a scheme is recognised by: the generic ones, those phishing favours
     * (cheap to register), and the countries of the gateway's region; "word.word" with another ending is read as text.
     */
    private static final Set<String> BARE_LINK_TLDS = Set.of("com", "net", "org", "info", "io", "ly", "me", "co", "xyz",
            "top", "sa", "ae", "eg", "click", "link", "site", "online", "shop", "gd", "at", "cc", "gl", "kw", "qa", "bh",
            "om", "jo", "lb", "iq", "ma", "tn", "dz", "pk", "in", "uk", "us", "biz", "live", "club", "cfd", "sbs", "icu",
            "buzz", "vip", "app", "dev", "store", "tech", "cloud", "help", "support", "services", "page", "pro", "work",
            "life", "world", "today", "rest", "bond", "cyou", "lol", "win", "bid", "cam", "tk", "ml", "ga", "cf", "gq",
            "pw", "ws", "su", "ru", "cn", "mobi", "asia", "fun", "space", "website", "digital", "email", "tv",
            "fyi", "one", "center", "ink", "pics", "quest", "monster", "ltd", "agency", "finance", "money", "bank",
            "express", "delivery", "post", "global", "gov", "id", "hk", "sg", "my", "ph", "vn", "ng", "ke");

    public LinkRules {
        // Matched against folded hosts and words: folded here, however the policy wrote them.
        shortenerHosts = Set.copyOf(shortenerHosts.stream().map(TextNormaliser::fold).toList());
        loginWords = Set.copyOf(loginWords.stream().map(TextNormaliser::fold).toList());
        java.util.Objects.requireNonNull(destinations);
    }

    /** The rules on how a link is written, without judging where it leads. */
    public LinkRules(Set<String> shortenerHosts, int shortenerWeight, int rawIpWeight, int punycodeWeight,
                     int userInfoWeight, int insecureLoginWeight, int insecureLinkWeight, Set<String> loginWords) {
        this(shortenerHosts, shortenerWeight, rawIpWeight, punycodeWeight, userInfoWeight, insecureLoginWeight,
                insecureLinkWeight, loginWords, LinkDestinations.NONE);
    }

    public List<RiskSignal> assess(String text) {
        return judge(text).signals();
    }

    /**
     * What a message's links give: signals that count whatever the send, and those that count only when a fact the
     * send gate holds is true ({@link ConditionalSignal}), each at most once.
     */
    public record Judged(List<RiskSignal> signals, List<ConditionalSignal> conditional) {
        static final Judged NONE = new Judged(List.of(), List.of());
    }

    public Judged judge(String text) {
        Map<String, RiskSignal> found = new LinkedHashMap<>();
        Map<String, ConditionalSignal> conditional = new LinkedHashMap<>();
        for (String word : wordsThatMayBeLinks(text)) {
            String candidate = trimmed(word);
            if (!mayBeALink(candidate)) {
                continue;
            }
            Matcher link = LINK.matcher(candidate);
            if (!link.matches()) {
                continue;
            }
            String scheme = link.group(1) == null ? "" : link.group(1).toLowerCase(Locale.ROOT);
            String userInfo = link.group(2);
            String host = link.group(3).toLowerCase(Locale.ROOT);
            String path = link.group(4) == null ? "" : link.group(4).toLowerCase(Locale.ROOT);
            boolean rawIp = IPV4.matcher(host).matches() || host.startsWith("[");
            if (scheme.isEmpty() && userInfo == null && !rawIp && !looksLikeAHost(host)) {
                continue;
            }
            if (isShortener(host)) {
                found.putIfAbsent("shortened_link", new RiskSignal("shortened_link", shortenerWeight, host));
            }
            if (rawIp) {
                found.putIfAbsent("raw_ip_link", new RiskSignal("raw_ip_link", rawIpWeight, host));
            }
            if (isPunycode(host)) {
                found.putIfAbsent("punycode_link", new RiskSignal("punycode_link", punycodeWeight, host));
            }
            if (userInfo != null && !scheme.isEmpty()) {
                found.putIfAbsent("userinfo_link", new RiskSignal("userinfo_link", userInfoWeight, userInfo + "@" + host));
            }
            if (scheme.equals("http") && mentionsLogin(host + path)) {
                found.putIfAbsent("insecure_login_link", new RiskSignal("insecure_login_link", insecureLoginWeight, host));
            } else if (scheme.equals("http")) {
                found.putIfAbsent("insecure_link", new RiskSignal("insecure_link", insecureLinkWeight, host));
            }
            if (!rawIp) {
                for (RiskSignal signal : destinations.judge(host)) {
                    found.putIfAbsent(signal.name(), signal);
                }
                for (ConditionalSignal signal : destinations.conditional(host)) {
                    String key = signal.signal().name() + (signal.condition() instanceof ConditionalSignal.HostNew h ? h.host() : "");
                    conditional.putIfAbsent(key, signal);
                }
            }
        }
        if (found.isEmpty() && conditional.isEmpty()) {
            return Judged.NONE;
        }
        return new Judged(new ArrayList<>(found.values()), new ArrayList<>(conditional.values()));
    }

    /**
     * The words between runs of white space ({@code \s+}) that may be links: split by hand, and only those
     * words copied out, since the send path looks at every word of every message and few are links.
     */
    private static List<String> wordsThatMayBeLinks(String text) {
        List<String> words = new ArrayList<>(2);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || WHITESPACE.indexOf(text.charAt(i)) >= 0) {
                if (i > start && mayBeALink(text, start, i)) {
                    words.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return words;
    }

    /** A link has a dot inside it (a host) or a scheme; most words have neither and cost nothing more. */
    private static boolean mayBeALink(String word) {
        return mayBeALink(word, 0, word.length());
    }

    private static boolean mayBeALink(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if ((c == '.' && i > start && i < end - 1) || (c == ':' && text.startsWith("//", i + 1) && i + 2 < end)) {
                return true;
            }
        }
        return false;
    }

    /** Without the punctuation around it, and without text glued in front of a scheme ("للطلب:http://…"). */
    private static String trimmed(String word) {
        int scheme = word.toLowerCase(Locale.ROOT).indexOf("http");
        int start = scheme > 0 && word.indexOf("://", scheme) > scheme ? scheme : 0;
        int end = word.length();
        while (start < end && LEADING.indexOf(word.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && TRAILING.indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(start, end);
    }

    /** Without a scheme, "word.word" is a link only for a shortener or a common top-level domain. */
    private boolean looksLikeAHost(String host) {
        String tld = host.substring(host.lastIndexOf('.') + 1);
        return isShortener(host) || BARE_LINK_TLDS.contains(tld);
    }

    private boolean isShortener(String host) {
        String bare = host.startsWith("www.") ? host.substring(4) : host;
        return shortenerHosts.contains(bare);
    }

    private static boolean isPunycode(String host) {
        if (host.contains("xn--")) {
            return true;
        }
        if (host.length() <= MAX_LABEL && TextNormaliser.isAscii(host)) {
            return false; // what IDN.toASCII would answer, without its cost: most links are plain ASCII
        }
        // A host typed in Unicode becomes punycode on the wire: the same look-alike risk.
        try {
            return !IDN.toASCII(host).equals(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private boolean mentionsLogin(String hostAndPath) {
        for (String word : loginWords) {
            if (hostAndPath.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
