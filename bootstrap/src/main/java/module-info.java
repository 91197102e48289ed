/** The composition root: configuration, wiring, main, and the embedded PostgreSQL default. */
module hub.gateway.bootstrap {
    requires hub.gateway.application;
    requires hub.gateway.adapter.http;
    requires hub.gateway.adapter.persistence;
    requires embedded.postgres;
    requires java.logging;

    exports hub.gateway.bootstrap;

    uses hub.gateway.application.spi.TransportProvider;
}
