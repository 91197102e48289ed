package hub.gateway.domain.risk;

import hub.gateway.domain.text.PhraseList;
import hub.gateway.domain.text.TextPattern;
import hub.gateway.domain.text.WordForms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A content signal: weighted phrases (matched on words) and weighted patterns (regular expressions over the text as
 * read, for shapes such as "50% off" or a coupon code). It scores the sum of the weights of the distinct phrases and
 * patterns it finds, at most {@code cap}.
 *
 * <p>Its <em>mentions</em> are words that name a price or a benefit ("discount", "free", "20% off") without asking
 * anything of the recipient: in a message that reports a transaction that happened and invites nothing, they are
 * weighed less ({@link ReportedTransaction}); its other phrases and patterns are invitations and always weigh fully.
 */
public record ContentSignal(String name, int cap, PhraseList phrases, List<WeightedPattern> patterns,
                            PhraseList mentions, List<WeightedPattern> mentionPatterns, PhraseList all,
                            java.util.Set<PhraseList.Phrase> mentionSet) {
    public ContentSignal {
        Objects.requireNonNull(name);
        patterns = List.copyOf(patterns);
        mentionPatterns = List.copyOf(mentionPatterns);
        if (cap < 0 || cap > 100) {
            throw new IllegalArgumentException(name + ": cap must be between 0 and 100");
        }
    }

    /**
     * @param phrases  the invitations
     * @param mentions the mentions; both are searched at once ({@code all}), a message's words scanned once per signal
     */
    public ContentSignal(String name, int cap, PhraseList phrases, List<WeightedPattern> patterns, PhraseList mentions,
                         List<WeightedPattern> mentionPatterns) {
        this(name, cap, phrases, patterns, mentions, mentionPatterns, both(phrases, mentions), identitySet(mentions));
    }

    private static PhraseList both(PhraseList phrases, PhraseList mentions) {
        List<PhraseList.Phrase> all = new ArrayList<>(phrases.phrases());
        all.addAll(mentions.phrases());
        return new PhraseList(all);
    }

    private static java.util.Set<PhraseList.Phrase> identitySet(PhraseList mentions) {
        java.util.Set<PhraseList.Phrase> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        set.addAll(mentions.phrases());
        return java.util.Collections.unmodifiableSet(set);
    }

    /**
     * A signal as a policy writes it: phrases such as {@code limited time}, {@code discount*} or {@code خصم}, and
     * regular expressions over the text, each with its weight; all of them invitations.
     */
    public static ContentSignal of(String name, int cap, List<WeightedPhrase> phrases, List<WeightedPattern> patterns) {
        return of(name, cap, phrases, patterns, List.of(), List.of());
    }

    /** As {@link #of(String, int, List, List)}, with mentions beside the invitations. */
    public static ContentSignal of(String name, int cap, List<WeightedPhrase> phrases, List<WeightedPattern> patterns,
                                   List<WeightedPhrase> mentions, List<WeightedPattern> mentionPatterns) {
        return new ContentSignal(name, cap, phraseList(phrases), patterns, phraseList(mentions), mentionPatterns);
    }

    private static PhraseList phraseList(List<WeightedPhrase> phrases) {
        return new PhraseList(phrases.stream().map(p -> PhraseList.Phrase.of(p.phrase(), p.weight())).toList());
    }

    public record WeightedPhrase(String phrase, int weight) {
        public WeightedPhrase {
            Objects.requireNonNull(phrase);
        }
    }

    public record WeightedPattern(TextPattern pattern, int weight) {
        /** @throws java.util.regex.PatternSyntaxException if {@code regex} is not a regular expression */
        public static WeightedPattern of(String regex, int weight) {
            return new WeightedPattern(TextPattern.compile(regex), weight);
        }

        /** The regular expression as written. */
        public String regex() {
            return pattern.toString();
        }
    }

    /** What one signal found in one message, before the message's intent is weighed. */
    record Found(List<String> invitations, int invitationWeight, List<String> mentions, int mentionWeight) {
        static final Found NOTHING = new Found(List.of(), 0, List.of(), 0);

        boolean isEmpty() {
            return invitations.isEmpty() && mentions.isEmpty();
        }
    }

    /**
     * What the signal finds in a message: its words (worked out once for all the signals), its text as read, and,
     * for a message in Arabizi, the phrases the Arabizi reading found ({@code arabiziFound}, already matched).
     */
    Found find(String text, List<WordForms> words, ArabiziPhrases.Found arabiziFound) {
        List<String> invitations = new ArrayList<>(0);
        List<String> mentioned = new ArrayList<>(0);
        int invitationWeight = 0;
        int mentionWeight = 0;
        for (PhraseList.Phrase phrase : words.isEmpty() ? List.<PhraseList.Phrase>of() : all.findInForms(words)) {
            if (mentionSet.contains(phrase)) {
                mentionWeight += phrase.weight();
                mentioned.add(phrase.text());
            } else {
                invitationWeight += phrase.weight();
                invitations.add(phrase.text());
            }
        }
        for (ArabiziPhrases.Match match : arabiziFound.matches()) {
            if (match.mention()) {
                mentionWeight += match.weight();
                mentioned.add(match.evidence());
            } else {
                invitationWeight += match.weight();
                invitations.add(match.evidence());
            }
        }
        for (WeightedPattern pattern : patterns) {
            String match = pattern.pattern().firstMatch(text);
            if (match != null) {
                invitationWeight += pattern.weight();
                invitations.add(match);
            }
        }
        for (WeightedPattern pattern : mentionPatterns) {
            String match = pattern.pattern().firstMatch(text);
            if (match != null) {
                mentionWeight += pattern.weight();
                mentioned.add(match);
            }
        }
        if (invitations.isEmpty() && mentioned.isEmpty()) {
            return Found.NOTHING;
        }
        return new Found(invitations, invitationWeight, mentioned, mentionWeight);
    }
}
