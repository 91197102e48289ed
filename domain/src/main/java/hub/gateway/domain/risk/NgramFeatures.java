package hub.gateway.domain.risk;

import java.util.Map;
import java.util.TreeMap;

/**
 * The features of the learned signal: the character n-grams of a message as read (its disguises undone), hashed
 * into {@code 2^bits} slots. Character n-grams are robust to spelling games a word list misses ("offer", "offers",
 * "0ffer", "العروض"), in any script. Digits that stand alone are read as 0, so that "order #2041" and "order #7719"
 * share their n-grams; a digit next to a letter is kept (Arabizi's "3ard" and "5asm").
 *
 * <p>A message's vector holds each n-gram's count divided by the square root of the number of n-grams, so that a
 * score is a sum over the message's n-grams in one pass: the training tool (tools/risk-model) builds the same vector
 * from this class, and the model it writes is read by {@link NgramModel}.
 */
public record NgramFeatures(int bits, int shortest, int longest, int words) {
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    /** Word n-grams are hashed from another start than character ones, so the two seldom share a slot. */
    private static final int WORD_OFFSET = 0x5bd1e995;

    /**
     * @param shortest the shortest character n-gram
     * @param longest  the longest character n-gram
     * @param words    word n-grams too, of 1 to this many words (0: none)
     */
    public NgramFeatures {
        if (bits < 10 || bits > 24 || shortest < 1 || longest < shortest || longest > 8 || words < 0 || words > 3) {
            throw new IllegalArgumentException("features: 10 to 24 bits, n-grams of 1 to 8 characters, of 0 to 3 words");
        }
    }

    /** Called for each n-gram: its slot, and where it lies in the model's text. */
    @FunctionalInterface
    public interface Visitor {
        void visit(int slot, int start, int end);
    }

    /** The text the n-grams are taken from: the reading, padded with a space, lone digits as 0. */
    public String modelText(String plain) {
        StringBuilder text = new StringBuilder(plain.length() + 2).append(' ');
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isDigit(c)) {
                boolean nextToLetter = (i > 0 && Character.isLetter(plain.charAt(i - 1)))
                        || (i + 1 < plain.length() && Character.isLetter(plain.charAt(i + 1)));
                text.append(nextToLetter && c <= '9' ? c : '0');
            } else {
                text.append(c);
            }
        }
        return text.append(' ').toString();
    }

    /**
     * The sum of the weights of every n-gram of the model's text and how many there were ({@code [sum, count]}):
     * {@link #forEach} without a visitor, for the send path, which scores every message.
     */
    double[] sum(String modelText, float[] weights) {
        int mask = (1 << bits) - 1;
        int count = 0;
        double sum = 0;
        int length = modelText.length();
        for (int start = 0; start < length; start++) {
            int hash = FNV_OFFSET;
            int end = Math.min(length, start + longest);
            for (int at = start; at < end; at++) {
                hash = (hash ^ modelText.charAt(at)) * FNV_PRIME;
                int n = at - start + 1;
                if (n >= shortest) {
                    sum += weights[mix(hash + n) & mask];
                    count++;
                }
            }
        }
        if (words > 0) {
            double[] wordSum = {0};
            int[] wordCount = {0};
            forEachWordGram(modelText, (slot, from, to) -> {
                wordSum[0] += weights[slot];
                wordCount[0]++;
            });
            sum += wordSum[0];
            count += wordCount[0];
        }
        return new double[]{sum, count};
    }

    /** Visits every n-gram of the model's text, of characters then of words; answers how many there were. */
    public int forEach(String modelText, Visitor visitor) {
        int mask = (1 << bits) - 1;
        int count = 0;
        int length = modelText.length();
        for (int start = 0; start < length; start++) {
            int hash = FNV_OFFSET;
            for (int n = 1; n <= longest && start + n <= length; n++) {
                hash = (hash ^ modelText.charAt(start + n - 1)) * FNV_PRIME;
                if (n >= shortest) {
                    visitor.visit(mix(hash + n) & mask, start, start + n);
                    count++;
                }
            }
        }
        return words == 0 ? count : count + forEachWordGram(modelText, visitor);
    }

    /** The word n-grams: runs of letters and digits, each starting n-grams of 1 to {@code words} words. */
    private int forEachWordGram(String modelText, Visitor visitor) {
        int mask = (1 << bits) - 1;
        int count = 0;
        int length = modelText.length();
        int[] starts = new int[length];
        int[] ends = new int[length];
        int wordCount = 0;
        for (int i = 0; i < length; ) {
            while (i < length && !Character.isLetterOrDigit(modelText.charAt(i))) {
                i++;
            }
            int begin = i;
            while (i < length && Character.isLetterOrDigit(modelText.charAt(i))) {
                i++;
            }
            if (i > begin) {
                starts[wordCount] = begin;
                ends[wordCount++] = i;
            }
        }
        for (int first = 0; first < wordCount; first++) {
            int hash = WORD_OFFSET;
            for (int n = 1; n <= words && first + n <= wordCount; n++) {
                int word = first + n - 1;
                for (int i = starts[word]; i < ends[word]; i++) {
                    hash = (hash ^ modelText.charAt(i)) * FNV_PRIME;
                }
                hash = (hash ^ ' ') * FNV_PRIME;
                visitor.visit(mix(hash + 16 + n) & mask, starts[first], ends[word]);
                count++;
            }
        }
        return count;
    }

    /**
     * The slot of a cue: what the rules found in the message ({@code rule:promotional_language},
     * {@code intent:transaction}), a feature of its own with the value 1, so that the model learns how the rules'
     * findings weigh beside the message's n-grams.
     */
    public int cueSlot(String cue) {
        int hash = WORD_OFFSET ^ 0x27d4eb2f;
        for (int i = 0; i < cue.length(); i++) {
            hash = (hash ^ cue.charAt(i)) * FNV_PRIME;
        }
        return mix(hash) & ((1 << bits) - 1);
    }

    /** The message's vector, slot → value, as the training tool gives it to the learner. */
    public Map<Integer, Double> vector(ModelInput input) {
        Map<Integer, Double> counts = new TreeMap<>();
        int total = forEach(modelText(input.plain()), (slot, start, end) -> counts.merge(slot, 1.0, Double::sum));
        double scale = total == 0 ? 0 : 1 / Math.sqrt(total);
        counts.replaceAll((slot, count) -> count * scale);
        for (String cue : input.cues()) {
            counts.merge(cueSlot(cue), 1.0, Double::sum);
        }
        return counts;
    }

    /** Murmur3's finaliser: spreads the FNV hash over the low bits the mask keeps. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
