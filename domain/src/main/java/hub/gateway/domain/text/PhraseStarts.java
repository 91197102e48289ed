package hub.gateway.domain.text;

import java.util.BitSet;
import java.util.List;

/**
 * Whether a phrase of any content signal may occur among a message's words: most messages hold none, and
 * are then not searched phrase by phrase at all. Each phrase is kept as a 64-bit hash of how it starts — its
 * word if it has one, its first word and the first letters of its second if it has more (common words such as
 * "your" start many phrases), the first letters of an open-ended word ({@code discount*}) — in one compact
 * table, so that a question costs about one memory access: the send path asks for every word of every message,
 * mostly while the processor's caches hold other work. A false "maybe" only costs the full search.
 */
public final class PhraseStarts {
    /** Words after the first, and open-ended words, are known by up to this many first characters. */
    private static final int PREFIX = 3;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long[] table;
    /** Which prefix lengths (1 to PREFIX) the table holds. */
    private final BitSet prefixLengths = new BitSet();

    public PhraseStarts(List<PhraseList> lists) {
        int entries = 0;
        for (PhraseList list : lists) {
            entries += list.phrases().size();
        }
        table = new long[Integer.highestOneBit(Math.max(entries, 8)) * 8];
        for (PhraseList list : lists) {
            for (PhraseList.Phrase phrase : list.phrases()) {
                String first = phrase.tokens().getFirst();
                if (PhraseList.isOpenEnded(phrase)) {
                    int length = Math.min(PREFIX, first.length());
                    prefixLengths.set(length);
                    add(hash(FNV_OFFSET, first, length));
                } else if (phrase.tokens().size() == 1) {
                    add(hash(FNV_OFFSET, first, first.length()));
                } else {
                    String second = phrase.tokens().get(1);
                    int length = Math.min(PREFIX, second.length());
                    prefixLengths.set(length);
                    add(hash(followedBy(hash(FNV_OFFSET, first, first.length())), second, length));
                }
            }
        }
    }

    /**
     * False when no phrase can occur among these words. It asks for what {@link PhraseList} compares: a
     * word's look-up keys against a phrase's exact words, and its forms without a clitic by how they start.
     */
    public boolean anyMayStart(List<WordForms> words) {
        for (int i = 0; i < words.size(); i++) {
            WordForms word = words.get(i);
            WordForms next = i + 1 < words.size() ? words.get(i + 1) : null;
            for (String key : word.lookupKeys()) {
                long keyHash = hash(FNV_OFFSET, key, key.length());
                if (contains(keyHash) || (next != null && anyPrefixKnown(followedBy(keyHash), next))) {
                    return true;
                }
            }
            if (anyPrefixKnown(FNV_OFFSET, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the table holds {@code start} continued by the first letters of some form of the word. */
    private boolean anyPrefixKnown(long start, WordForms word) {
        for (String form : word.unprefixed()) {
            for (int length = prefixLengths.nextSetBit(1); length > 0 && length <= form.length();
                 length = prefixLengths.nextSetBit(length + 1)) {
                if (contains(hash(start, form, length))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void add(long hash) {
        int slot = slot(hash);
        while (table[slot] != 0 && table[slot] != hash) {
            slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = hash;
    }

    private boolean contains(long hash) {
        for (int slot = slot(hash); table[slot] != 0; slot = (slot + 1) & (table.length - 1)) {
            if (table[slot] == hash) {
                return true;
            }
        }
        return false;
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 29)) & (table.length - 1);
    }

    /** FNV-1a continued over the first {@code length} characters; never 0, which marks an empty slot. */
    private static long hash(long start, String text, int length) {
        long hash = start;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash == 0 ? 1 : hash;
    }

    /** A word's hash continued by the space before the next word. */
    private static long followedBy(long wordHash) {
        return (wordHash ^ ' ') * FNV_PRIME;
    }
}
