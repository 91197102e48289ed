package hub.gateway.domain.text;

import java.util.List;

/**
 * A message as the content rules read it: with its disguises undone ({@link TextReader}).
 *
 * @param plain            folded (case, Unicode forms, Arabic letter forms) with look-alike letters, leetspeak, split
 *                         letters and invisible characters undone; white space collapsed to single spaces; punctuation
 *                         and digits kept, for the patterns
 * @param arabiziSkeletons for a message written in Arabizi (Arabic in Latin letters and digits), the consonant
 *                         skeleton of each of its words, in which Arabic phrases are found; empty otherwise
 * @param disguises        what was undone to reveal a word a rule knows, each as "written → read"
 */
public record Reading(String plain, List<String> arabiziSkeletons, List<String> disguises) {
    public Reading {
        arabiziSkeletons = List.copyOf(arabiziSkeletons);
        disguises = List.copyOf(disguises);
    }

    public boolean isArabizi() {
        return !arabiziSkeletons.isEmpty();
    }
}
