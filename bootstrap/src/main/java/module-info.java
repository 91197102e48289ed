/** The composition root: configuration, wiring, main, and the embedded PostgreSQL default. */
module hub.gateway.bootstrap {
    requires hub.gateway.application;
    requires hub.gateway.adapter.http;
    requires hub.gateway.adapter.persistence;
    requires embedded.postgres;
    requires java.logging;
    // The load benchmark: an HTTP client and latency histograms.
    requires java.net.http;
    requires HdrHistogram;

    exports hub.gateway.bootstrap;

    uses hub.gateway.application.spi.TransportProvider;
}
