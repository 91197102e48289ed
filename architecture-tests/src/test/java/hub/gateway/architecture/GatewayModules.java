package hub.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each of the gateway's modules was built, found from one class in it, so that the rules read the
 * real module jars (or class folders) and nothing else; a module that goes missing fails the test
 * instead of leaving the rules with nothing to check.
 */
enum GatewayModules {
    DOMAIN("hub.gateway.domain.quota.Plan"),
    APPLICATION("hub.gateway.application.factory.ApplicationFactory"),
    HTTP("hub.gateway.adapter.http.GatewayHttp"),
    PERSISTENCE("hub.gateway.adapter.persistence.PostgresPersistence"),
    WHATSAPP("hub.gateway.adapter.whatsapp.SandboxTransportProvider"),
    BOOTSTRAP("hub.gateway.bootstrap.Main");

    private final String anchorClass;

    GatewayModules(String anchorClass) {
        this.anchorClass = anchorClass;
    }

    Path location() {
        try {
            Class<?> anchor = Class.forName(anchorClass);
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("module of " + anchorClass + " is not on the test class path", e);
        }
    }

    static List<Path> allLocations() {
        return java.util.Arrays.stream(values()).map(GatewayModules::location).toList();
    }

    /** Jars as jars (importPaths would walk a jar file as if it were a folder and find nothing). */
    static JavaClasses importAll() {
        List<com.tngtech.archunit.core.importer.Location> locations = allLocations().stream()
                .map(path -> path.toString().endsWith(".jar")
                        ? com.tngtech.archunit.core.importer.Location.of(java.net.URI.create("jar:" + path.toUri() + "!/"))
                        : com.tngtech.archunit.core.importer.Location.of(path))
                .toList();
        return new ClassFileImporter().importLocations(locations);
    }
}
