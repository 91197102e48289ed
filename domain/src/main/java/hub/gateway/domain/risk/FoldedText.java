package hub.gateway.domain.risk;

import hub.gateway.domain.text.TextNormaliser;

/**
 * A message as written and {@link TextNormaliser#fold folded}: the send path folds each message once and
 * hands both forms to the risk rules and to the content fingerprint.
 */
public final class FoldedText {
    private final String original;
    private final String folded;

    private FoldedText(String original) {
        this.original = original;
        this.folded = TextNormaliser.fold(original);
    }

    public static FoldedText of(String text) {
        return new FoldedText(text);
    }

    /** As written: links are read from it (a path's case matters). */
    public String original() {
        return original;
    }

    public String folded() {
        return folded;
    }
}
