/**
 * The Java client generated from the gateway's OpenAPI description (openapi-generator, library "native":
 * java.net.http and Jackson). Every package is generated; only this descriptor is written by hand.
 */
module hub.gateway.client {
    requires transitive java.net.http;
    requires transitive com.fasterxml.jackson.databind;
    // The invoker's RFC3339InstantDeserializer extends its InstantDeserializer.
    requires transitive com.fasterxml.jackson.datatype.jsr310;
    // @Nullable and @Nonnull in the exported signatures (and @Generated): for readers and tools, never needed to run.
    requires static transitive jakarta.annotation;

    exports hub.gateway.client.api;
    exports hub.gateway.client.invoker;
    exports hub.gateway.client.model;

    // Jackson binds the models (never an open module).
    opens hub.gateway.client.model to com.fasterxml.jackson.databind;
}
