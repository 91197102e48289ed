package hub.gateway.tools.riskmodel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled corpus (application/src/test/resources/corpus): one message a line, {@code label<TAB>kind<TAB>lang<TAB>text},
 * a line break inside a message written {@code \n}; lines starting with # are comments. {@code train.tsv} is what the
 * model learns from and the rules were tuned on; {@code heldout.tsv} is never seen by either.
 */
record Corpus(List<Sample> samples) {
    static final Path DIRECTORY = Path.of("application", "src", "test", "resources", "corpus");

    record Sample(boolean spam, String kind, String language, String text) {
    }

    static Corpus read(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 4 || !(fields[0].equals("spam") || fields[0].equals("legit"))) {
                throw new IllegalArgumentException(file + " line " + number + ": label<TAB>kind<TAB>lang<TAB>text expected");
            }
            samples.add(new Sample(fields[0].equals("spam"), fields[1], fields[2], fields[3].replace("\\n", "\n")));
        }
        return new Corpus(List.copyOf(samples));
    }
}
