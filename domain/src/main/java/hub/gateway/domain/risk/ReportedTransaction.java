package hub.gateway.domain.risk;

import hub.gateway.domain.text.PhraseList;
import hub.gateway.domain.text.TextPattern;
import hub.gateway.domain.text.WordForms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a message asks of its recipient. A receipt, an invoice or a pickup notice reports a transaction that happened
 * — an order or booking by its reference, an amount charged, a discount "applied" — and may well name a discount, a
 * free item or a percentage while asking nothing; a promotion invites a new purchase or action (a code to use, "shop
 * now", an offer on the next order, urgency). So a message with evidence of a reported transaction and no invitation
 * has its signals' mentions weighed at {@code mentionPercent} of their weight; any invitation weighs them fully.
 *
 * @param phrases        words of a transaction that happened ("amount charged", "was applied", "تم تطبيق")
 * @param patterns       shapes of one (a reference number after "order", "invoice", "booking"…)
 * @param mentionPercent how much of their weight mentions keep in such a message, 0 to 100
 */
public record ReportedTransaction(PhraseList phrases, List<TextPattern> patterns, int mentionPercent) {
    public static final ReportedTransaction NONE = new ReportedTransaction(new PhraseList(List.of()), List.of(), 100);

    public ReportedTransaction {
        Objects.requireNonNull(phrases);
        patterns = List.copyOf(patterns);
        if (mentionPercent < 0 || mentionPercent > 100) {
            throw new IllegalArgumentException("the share mentions keep is between 0 and 100 percent");
        }
    }

    public static ReportedTransaction of(List<String> phrases, List<String> regexes, int mentionPercent) {
        return new ReportedTransaction(new PhraseList(phrases.stream().map(p -> PhraseList.Phrase.of(p, 0)).toList()),
                regexes.stream().map(TextPattern::compile).toList(), mentionPercent);
    }

    /** The evidence that the message reports a transaction (what was found), or an empty list. */
    List<String> evidence(String text, List<WordForms> words) {
        List<String> found = new ArrayList<>(0);
        for (TextPattern pattern : patterns) {
            String match = pattern.firstMatch(text);
            if (match != null) {
                found.add(match.strip());
            }
        }
        if (!words.isEmpty()) {
            for (PhraseList.Phrase phrase : phrases.findInForms(words)) {
                found.add(phrase.text());
            }
        }
        return found;
    }

    /** A mention's weight in a message that reports a transaction and invites nothing. */
    int weighed(int mentionWeight) {
        return Math.round(mentionWeight * mentionPercent / 100f);
    }
}
