package hub.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void noCycles() {
        slices().matching("hub.gateway.(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void inPortsAreUseCasesAndOutPortsAreRoles() {
        classes().that().resideInAPackage("hub.gateway.application.port.in")
                .and().areInterfaces().and().areTopLevelClasses()
                .and().doNotHaveSimpleName("Input")
                .should().haveSimpleNameEndingWith("UseCase")
                .orShould().haveSimpleNameEndingWith("Result")
                .check(gateway);
        noClasses().that().resideInAPackage("hub.gateway.application.port.out")
                .should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Port")
                .check(gateway);
    }

    @Test
    void servicesStayInsideTheApplication() {
        classes().that().resideInAPackage("hub.gateway.application.service")
                .and().doNotHaveSimpleName("Services")
                .should().notBePublic()
                .check(gateway);
    }
}
