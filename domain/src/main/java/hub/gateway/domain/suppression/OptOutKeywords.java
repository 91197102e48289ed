package hub.gateway.domain.suppression;

import hub.gateway.domain.text.TextNormaliser;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises opt-out and opt-in answers (contract §5): the whole text, trimmed, case-folded and stripped
 * of punctuation and emoji, must be one keyword; Arabic is compared after removing diacritics and tatweel
 * and unifying the alef forms, so that إيقاف and ايقاف are one word. "please stop the late deliveries" is
 * not an opt-out.
 */
public record OptOutKeywords(Set<String> optOut, Set<String> optIn) {
    // Declared before DEFAULTS, which normalises with them while the class initialises.
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public static final List<String> DEFAULT_OPT_OUT = List.of(
            "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT-OUT", "OPT OUT",
            "STOP PROMOTIONS",
            "إيقاف", "توقف", "إلغاء", "إلغاء الاشتراك", "إيقاف الرسائل", "إيقاف العروض", "لا تراسلني");
    /** YES is deliberately absent: people answer yes to other questions. */
    public static final List<String> DEFAULT_OPT_IN = List.of("START", "UNSTOP", "ابدأ", "استئناف", "اشتراك");

    public static final OptOutKeywords DEFAULTS = of(DEFAULT_OPT_OUT, DEFAULT_OPT_IN);


    public OptOutKeywords {
        optOut = Set.copyOf(optOut);
        optIn = Set.copyOf(optIn);
        if (optOut.stream().anyMatch(optIn::contains)) {
            throw new IllegalArgumentException("a keyword cannot both opt out and opt in");
        }
    }

    /** Keyword lists as written by people; each is normalised the way inbound texts are. */
    public static OptOutKeywords of(Collection<String> optOut, Collection<String> optIn) {
        return new OptOutKeywords(normaliseAll(optOut), normaliseAll(optIn));
    }

    public InboundIntent classify(String text) {
        String normalised = normalise(text);
        if (optOut.contains(normalised)) {
            return InboundIntent.OPT_OUT;
        }
        if (optIn.contains(normalised)) {
            return InboundIntent.OPT_IN;
        }
        return InboundIntent.NONE;
    }

    /** Punctuation is dropped rather than split on, so that OPT-OUT and OPTOUT are one keyword. */
    static String normalise(String text) {
        String words = NOT_WORD.matcher(TextNormaliser.fold(text)).replaceAll("");
        return SPACES.matcher(words).replaceAll(" ").strip();
    }

    private static Set<String> normaliseAll(Collection<String> keywords) {
        return keywords.stream().map(OptOutKeywords::normalise).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
    }
}
