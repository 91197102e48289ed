package hub.gateway.application.policy;

import hub.gateway.domain.risk.NgramFeatures;
import hub.gateway.domain.risk.NgramModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learned model as a file: a few header lines ({@code key=value}: version, bits, n-gram lengths, bias, the
 * corpus it learned from), then one line per slot with a weight, {@code slot<TAB>weight}. Written by
 * tools/risk-model ({@code scripts/risk-model train}); the gateway ships {@value #DEFAULT_RESOURCE} beside the policy.
 * {@code model.file} in the policy names a resource beside the policy or a file on disk.
 */
public final class LearnedModelFile {
    public static final String DEFAULT_RESOURCE = "risk-model.tsv";

    private LearnedModelFile() {
    }

    static NgramModel load(String name) {
        try {
            Path path = Path.of(name);
            if (path.isAbsolute() || Files.isRegularFile(path)) {
                try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    return read(reader);
                }
            }
            try (InputStream in = LearnedModelFile.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new RiskPolicyFile.PolicyException("model.file: no file or shipped resource named " + name);
                }
                return read(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NgramModel read(Reader source) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        Map<String, String> header = new TreeMap<>();
        float[] weights = null;
        NgramFeatures features = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (weights == null && equals > 0) {
                header.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                continue;
            }
            if (weights == null) {
                features = new NgramFeatures(Integer.parseInt(required(header, "bits")),
                        Integer.parseInt(required(header, "shortest")), Integer.parseInt(required(header, "longest")),
                        Integer.parseInt(required(header, "words")));
                weights = new float[1 << features.bits()];
            }
            int tab = line.indexOf('\t');
            weights[Integer.parseInt(line.substring(0, tab))] = Float.parseFloat(line.substring(tab + 1));
        }
        if (weights == null) {
            throw new IllegalStateException("a model file without weights");
        }
        return new NgramModel(required(header, "version"), features, Float.parseFloat(required(header, "bias")), weights);
    }

    /** Writes the model with its header; {@code about} adds header lines (the corpus it learned from, its figures). */
    public static void write(NgramModel model, Map<String, String> about, Writer out) throws IOException {
        out.write("# hub WhatsApp Gateway: the learned signal's model (tools/risk-model). Do not edit by hand.\n");
        out.write("version=" + model.version() + "\n");
        out.write("bits=" + model.features().bits() + "\n");
        out.write("shortest=" + model.features().shortest() + "\n");
        out.write("longest=" + model.features().longest() + "\n");
        out.write("words=" + model.features().words() + "\n");
        out.write("bias=" + model.bias() + "\n");
        for (Map.Entry<String, String> line : about.entrySet()) {
            out.write(line.getKey() + "=" + line.getValue() + "\n");
        }
        float[] weights = model.weights();
        for (int slot = 0; slot < weights.length; slot++) {
            if (weights[slot] != 0) {
                out.write(slot + "\t" + String.format(Locale.ROOT, "%.5g", weights[slot]) + "\n");
            }
        }
    }

    private static String required(Map<String, String> header, String key) {
        String value = header.get(key);
        if (value == null) {
            throw new IllegalStateException("the model file's header lacks " + key);
        }
        return value;
    }
}
