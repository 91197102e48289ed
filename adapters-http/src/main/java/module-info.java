/**
 * The HTTP edge of the gateway: Helidon SE webserver, JSON in and out, the one table of error codes.
 * Only {@code GatewayHttp} is public; everything else is package-private inside the exported package.
 */
module hub.gateway.adapter.http {
    requires transitive hub.gateway.application;
    requires io.helidon.webserver;
    requires io.helidon.http.media.jsonp;
    requires jakarta.json;
    // Helidon's logging MDC: the access line's fields, for the JSON log format the composition root may choose.
    requires io.helidon.logging.common;
    // GET /openapi: the description is YAML in this module; its JSON form is read from it at start.
    requires org.yaml.snakeyaml;
    // GET /docs: Redoc's bundle is a resource of this webjar (an automatic module named after its file; it has no
    // code). Required so that the module graph cannot leave it out; read through the class loader, since
    // META-INF/resources is no package and so not encapsulated.
    requires redoc;
    // The webhook sender: Helidon's client, whose DNS resolver we supply, so that a delivery connects to the
    // address the destination check approved.
    requires io.helidon.webclient.api;
    requires io.helidon.webclient.http1;
    // GET /observe/metrics: Micrometer's Prometheus registry behind our own route (docs/design.md), and the JVM's
    // meters, which read the platform's management beans.
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires java.management;

    // GET /console: the pages are jte templates compiled to classes of hub.gateway.adapter.http.console at build time
    // (an automatic module named by its manifest); the generated sources carry javax.annotation.processing.Generated,
    // whose retention is the source only.
    requires gg.jte.runtime;
    requires static java.compiler;

    exports hub.gateway.adapter.http;
}
