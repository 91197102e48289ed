/** The composition root: configuration, wiring, main, and the embedded PostgreSQL default. */
module hub.gateway.bootstrap {
    requires hub.gateway.application;
    requires hub.gateway.adapter.http;
    requires hub.gateway.adapter.persistence;
    requires embedded.postgres;
    requires java.logging;
    // GATEWAY_LOG_FORMAT=json: the request's fields come from Helidon's logging MDC, which helidon-logging-jul
    // keeps for java.util.logging (its MdcProvider).
    requires io.helidon.logging.common;
    requires io.helidon.logging.jul;

    exports hub.gateway.bootstrap;

    uses hub.gateway.application.spi.TransportProvider;
}
