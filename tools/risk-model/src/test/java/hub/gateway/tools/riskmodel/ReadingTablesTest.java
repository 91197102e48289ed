package hub.gateway.tools.riskmodel;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The letter tables the gateway ships are exactly what ICU4J gives: regenerate them with scripts/risk-model tables. */
class ReadingTablesTest {
    @Test
    void theShippedTablesAreIcusData() throws IOException {
        Path shipped = Path.of(System.getProperty("gateway.root", "../..")).resolve(RiskModelTool.POLICY_DIRECTORY)
                .resolve("reading-tables.tsv");
        assertEquals(ReadingTablesExport.lines(), Files.readAllLines(shipped, StandardCharsets.UTF_8),
                "reading-tables.tsv differs from ICU4J's data: run scripts/risk-model tables");
    }

    @Test
    void theTablesHoldTheLettersSpammersUse() {
        var lines = ReadingTablesExport.lines();
        assertTrue(lines.contains("L\t0455\ts"), "Cyrillic ѕ reads as s");
        assertTrue(lines.contains("L\t03BF\to"), "Greek ο reads as o");
        assertTrue(lines.contains("L\t06A9\tك"), "Persian ک reads as Arabic ك");
        assertTrue(lines.contains("D\t00F8\to"), "ø is a decorated o");
        assertTrue(lines.contains("A\t062E\tkh"), "خ is transcribed kh");
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("L\t0627")), "Arabic alef is no look-alike of l");
    }
}
