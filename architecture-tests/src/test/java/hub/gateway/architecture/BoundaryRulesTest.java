package hub.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The hexagon's walls: each rule fails the build when a dependency crosses one. */
class BoundaryRulesTest {
    private static JavaClasses gateway;

    @BeforeAll
    static void importTheRealModules() {
        gateway = GatewayModules.importAll();
        for (String pkg : new String[]{"hub.gateway.domain", "hub.gateway.application", "hub.gateway.adapter.http",
                "hub.gateway.adapter.persistence", "hub.gateway.adapter.whatsapp", "hub.gateway.bootstrap"}) {
            assertTrue(gateway.containPackage(pkg), "nothing imported from " + pkg + ": the rules would see nothing");
        }
    }

    @Test
    void domainUsesNothingButTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("hub.gateway.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("hub.gateway.domain..", "java..");
        rule.check(gateway);
    }

    @Test
    void applicationUsesOnlyTheDomainAndTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("hub.gateway.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("hub.gateway.application..", "hub.gateway.domain..", "java..");
        rule.check(gateway);
    }

    @Test
    void noFrameworkTypeInTheCore() {
        ArchRule rule = noClasses().that().resideInAnyPackage("hub.gateway.domain..", "hub.gateway.application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.helidon..", "java.sql..", "javax.sql..", "com.github.benmanes..", "org.flywaydb..",
                        "com.zaxxer..", "org.postgresql..", "jakarta..");
        rule.check(gateway);
    }

    @Test
    void layersOnlyCallInwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("Domain").definedBy("hub.gateway.domain..")
                .layer("Application").definedBy("hub.gateway.application..")
                .layer("HttpAdapter").definedBy("hub.gateway.adapter.http..")
                .layer("PersistenceAdapter").definedBy("hub.gateway.adapter.persistence..")
                .layer("WhatsAppAdapter").definedBy("hub.gateway.adapter.whatsapp..")
                .layer("Bootstrap").definedBy("hub.gateway.bootstrap..")
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
                .whereLayer("HttpAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("PersistenceAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("WhatsAppAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Application").mayOnlyBeAccessedByLayers(
                        "HttpAdapter", "PersistenceAdapter", "WhatsAppAdapter", "Bootstrap")
                .check(gateway);
    }

    @Test
    void adaptersNeverUseEachOther() {
        slices().matching("hub.gateway.adapter.(*)..").should().notDependOnEachOther().check(gateway);
    }

    /** Every package is its own slice: a cycle between any two packages, however deep, fails the build. */
    @Test
    void noCycles() {
        slices().matching("hub.gateway.(**)").should().beFreeOfCycles().check(gateway);
    }

    /** A use case is one thing a driver can ask: one method, so that an edge is handed exactly what it calls. */
    @Test
    void everyUseCaseHasOneMethod() {
        classes().that().resideInAPackage("hub.gateway.application.port.in")
                .and().areInterfaces().and().haveSimpleNameEndingWith("UseCase")
                .should(haveExactlyOneAbstractMethod())
                .check(gateway);
    }

    /** The driving side speaks its own language: an in-port's types never come from the driven side. */
    @Test
    void inPortsAreIndependentOfOutPorts() {
        noClasses().that().resideInAPackage("hub.gateway.application.port.in")
                .should().dependOnClassesThat().resideInAPackage("hub.gateway.application.port.out")
                .check(gateway);
    }

    /**
     * Each adapter package has one public entry class; everything else is package-private. A transport is found
     * by {@link java.util.ServiceLoader}, which needs each provider public (JLS 7.7.4), so providers are entries.
     * <p>
     * One package is left out, named here: the console's views ({@value #CONSOLE_VIEWS}). jte compiles each template
     * to a public class, and what a template shows must be public for the edge to hand it over; the module does not
     * export the package (ModuleDescriptorsTest: one export each), so nothing outside the HTTP adapter sees them.
     */
    @Test
    void oneEntryClassPerAdapterPackage() {
        Map<String, List<String>> entries = gateway.stream()
                .filter(c -> c.getPackageName().startsWith("hub.gateway.adapter."))
                .filter(c -> !c.getPackageName().equals(CONSOLE_VIEWS))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
                .filter(c -> !c.isAssignableTo("hub.gateway.application.spi.TransportProvider"))
                .collect(Collectors.groupingBy(JavaClass::getPackageName,
                        Collectors.mapping(JavaClass::getSimpleName, Collectors.toList())));
        entries.forEach((pkg, classes) -> assertEquals(1, classes.size(), pkg + " has public classes " + classes));
        assertTrue(entries.containsKey("hub.gateway.adapter.http"), "the rule saw the HTTP adapter: " + entries);
        assertTrue(entries.containsKey("hub.gateway.adapter.persistence"), "the rule saw persistence: " + entries);
    }

    private static final String CONSOLE_VIEWS = "hub.gateway.adapter.http.console";

    /** The console's views show what they are given: they call no use case and know nothing of the edge's classes. */
    @Test
    void consoleViewsOnlyShow() {
        assertTrue(gateway.containPackage(CONSOLE_VIEWS), "nothing imported from " + CONSOLE_VIEWS);
        noClasses().that().resideInAPackage(CONSOLE_VIEWS)
                .should().dependOnClassesThat().resideInAPackage("hub.gateway.adapter.http")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("UseCase")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.helidon..", "hub.gateway.application.port.out..")
                .check(gateway);
    }

    private static ArchCondition<JavaClass> haveExactlyOneAbstractMethod() {
        return new ArchCondition<>("have exactly one abstract method") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                List<String> methods = item.getMethods().stream()
                        .filter(m -> m.getModifiers().contains(JavaModifier.ABSTRACT))
                        .map(JavaMethod::getName)
                        .toList();
                if (methods.size() != 1) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " has methods " + methods));
                }
            }
        };
    }

    @Test
    void inPortsAreUseCasesAndOutPortsAreRoles() {
        classes().that().resideInAPackage("hub.gateway.application.port.in")
                .and().areInterfaces().and().areTopLevelClasses()
                // A sealed interface is a value with its cases (Input, the results), not a port.
                .and(com.tngtech.archunit.base.DescribedPredicate.describe("are not sealed", c -> !c.reflect().isSealed()))
                .should().haveSimpleNameEndingWith("UseCase")
                .orShould().haveSimpleNameEndingWith("Result")
                .check(gateway);
        noClasses().that().resideInAPackage("hub.gateway.application.port.out")
                .should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Port")
                .check(gateway);
    }

    /**
     * The services are reached only through the use cases' interfaces: whatever is public in the services'
     * package is there for the application factory alone, and a class that implements a use case is never public.
     */
    @Test
    void servicesStayInsideTheApplication() {
        classes().that().resideInAPackage("hub.gateway.application.service")
                .should().onlyHaveDependentClassesThat()
                .resideInAnyPackage("hub.gateway.application.service", "hub.gateway.application.factory")
                .check(gateway);
        classes().that().resideInAPackage("hub.gateway.application.service")
                .and().implement(JavaClass.Predicates.resideInAPackage("hub.gateway.application.port.in"))
                .should().notBePublic()
                .check(gateway);
    }
}
