package hub.gateway.domain.risk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules that judge a message's content: how it is read through its disguises, the content signals, what a
 * reported transaction does to their mentions, the links, and the learned signal beside them.
 */
public record ContentRules(List<ContentSignal> signals, ReadingRules reading, ReportedTransaction transaction,
                           LinkRules links, Optional<LearnedSignal> learned) {
    public ContentRules {
        signals = List.copyOf(signals);
        Objects.requireNonNull(reading);
        Objects.requireNonNull(transaction);
        Objects.requireNonNull(links);
        Objects.requireNonNull(learned);
    }

    /** Phrases, patterns and links only: no reading tables, no intent, no learned signal (tests of single rules). */
    public static ContentRules ofSignals(List<ContentSignal> signals, LinkRules links) {
        return new ContentRules(signals, ReadingRules.NONE, ReportedTransaction.NONE, links, Optional.empty());
    }

    /** The same rules with another learned signal, or none: the training tool scores folds with the model of each. */
    public ContentRules withLearned(Optional<LearnedSignal> other) {
        return new ContentRules(signals, reading, transaction, links, other);
    }
}
