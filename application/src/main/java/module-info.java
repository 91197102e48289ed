/** The use cases of the gateway and the ports they drive; services stay inside, behind {@code UseCases}, built by {@code ApplicationFactory}. */
module hub.gateway.application {
    requires transitive hub.gateway.domain;

    exports hub.gateway.application;
    exports hub.gateway.application.factory;
    exports hub.gateway.application.policy;
    exports hub.gateway.application.port.in;
    exports hub.gateway.application.port.out;
    exports hub.gateway.application.spi;

    uses hub.gateway.application.spi.TransportProvider;
}
