package hub.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain reads by concept; its text-matching engine stays inside it; it reads no files. */
class DomainPackagesTest {
    private static final String TEXT = "hub.gateway.domain.text";
    private static JavaClasses gateway;

    @BeforeAll
    static void importTheRealModules() {
        gateway = GatewayModules.importAll();
        assertTrue(gateway.containPackage(TEXT), "no " + TEXT + " imported: the rule would see nothing");
    }

    @Test
    void nothingOutsideTheDomainUsesTheTextEngine() {
        noClasses().that().resideOutsideOfPackage("hub.gateway.domain..")
                .should().dependOnClassesThat().resideInAPackage(TEXT + "..")
                .check(gateway);
    }

    @Test
    void domainPackagesAreFreeOfCycles() {
        slices().matching("hub.gateway.domain.(*)..").should().beFreeOfCycles().check(gateway);
    }

    /** The rules are values; reading them from a file (the policy file) is the application's business. */
    @Test
    void theDomainReadsNoFilesAndShipsNone() throws IOException {
        noClasses().that().resideInAPackage("hub.gateway.domain..")
                .should().dependOnClassesThat().belongToAnyOf(Properties.class, Reader.class, InputStream.class, Files.class)
                .orShould().callMethod(Class.class, "getResourceAsStream", String.class)
                .orShould().callMethod(Class.class, "getResource", String.class)
                .check(gateway);
        ModuleReference domain = ModuleFinder.of(GatewayModules.DOMAIN.location()).findAll().iterator().next();
        try (ModuleReader reader = domain.open(); Stream<String> entries = reader.list()) {
            List<String> all = entries.toList();
            assertTrue(all.contains("hub/gateway/domain/risk/RiskPolicy.class"), "the domain's classes are listed");
            assertEquals(List.of(), all.stream().filter(e -> !e.endsWith("/") && !e.endsWith(".class"))
                    .filter(e -> !e.startsWith("META-INF/")).toList(), "resources in the domain module");
        }
    }

    @Test
    void domainExportsEveryPackageButTheTextEngine() {
        ModuleDescriptor domain = ModuleFinder.of(GatewayModules.DOMAIN.location()).findAll().iterator().next().descriptor();
        Set<String> exported = domain.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertTrue(domain.packages().contains(TEXT), domain.packages().toString());
        assertFalse(exported.contains(TEXT), "the text engine is exported");
        Set<String> expected = domain.packages().stream().filter(p -> !p.equals(TEXT)).collect(Collectors.toSet());
        assertEquals(expected, exported);
        assertTrue(domain.exports().stream().allMatch(e -> e.targets().isEmpty()), "no qualified exports");
    }
}
