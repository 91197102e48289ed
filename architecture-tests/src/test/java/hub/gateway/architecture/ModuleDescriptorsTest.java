package hub.gateway.architecture;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What ArchUnit cannot see: the module-info declarations of each built module. */
class ModuleDescriptorsTest {

    @Test
    void domainRequiresOnlyJavaBase() {
        ModuleDescriptor domain = descriptor(GatewayModules.DOMAIN);
        assertEquals("hub.gateway.domain", domain.name());
        assertEquals(Set.of("java.base"), requiredModules(domain));
    }

    @Test
    void applicationRequiresTheDomainTransitively() {
        ModuleDescriptor application = descriptor(GatewayModules.APPLICATION);
        assertTrue(application.requires().stream().anyMatch(r -> r.name().equals("hub.gateway.domain")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
        assertEquals(Set.of("java.base", "hub.gateway.domain"), requiredModules(application));
        assertFalse(application.exports().stream().anyMatch(e -> e.source().endsWith(".service")),
                "the services stay behind UseCases");
        assertTrue(application.uses().contains("hub.gateway.application.spi.TransportProvider"));
    }

    @Test
    void adaptersRequireTheApplicationAndNoOtherAdapter() {
        for (GatewayModules adapter : new GatewayModules[]{GatewayModules.HTTP, GatewayModules.PERSISTENCE, GatewayModules.WHATSAPP}) {
            ModuleDescriptor descriptor = descriptor(adapter);
            Set<String> required = requiredModules(descriptor);
            assertTrue(required.contains("hub.gateway.application"), descriptor.name());
            assertTrue(required.stream().noneMatch(m -> m.startsWith("hub.gateway.adapter.")), descriptor.name() + " " + required);
            assertEquals(1, descriptor.exports().size(), descriptor.name() + " exports one package");
            assertFalse(descriptor.isOpen(), descriptor.name() + " is not an open module");
        }
    }

    @Test
    void whatsAppAdapterProvidesTransports() {
        ModuleDescriptor whatsapp = descriptor(GatewayModules.WHATSAPP);
        assertTrue(whatsapp.provides().stream()
                .anyMatch(p -> p.service().equals("hub.gateway.application.spi.TransportProvider")));
    }

    @Test
    void onlyBootstrapRequiresAdapters() {
        ModuleDescriptor bootstrap = descriptor(GatewayModules.BOOTSTRAP);
        assertTrue(requiredModules(bootstrap).contains("hub.gateway.adapter.http"));
        assertTrue(requiredModules(bootstrap).contains("hub.gateway.adapter.persistence"));
    }

    /** The load benchmark is a tool (tools/benchmark), not part of the gateway: none of its libraries ship with it. */
    @Test
    void noProductModuleCarriesTheBenchmark() {
        for (GatewayModules module : GatewayModules.values()) {
            ModuleDescriptor descriptor = descriptor(module);
            assertFalse(requiredModules(descriptor).contains("HdrHistogram"), descriptor.name() + " requires HdrHistogram");
            assertTrue(descriptor.packages().stream().noneMatch(p -> p.startsWith("hub.gateway.tools")),
                    descriptor.name() + " " + descriptor.packages());
        }
    }

    private static Set<String> requiredModules(ModuleDescriptor descriptor) {
        return descriptor.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
    }

    private static ModuleDescriptor descriptor(GatewayModules module) {
        Path location = module.location();
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertEquals(1, found.size(), "one module at " + location);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertFalse(descriptor.isAutomatic(), location + " has a module-info");
        return descriptor;
    }
}
