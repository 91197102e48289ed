/**
 * WhatsApp transports, offered to the gateway as {@code TransportProvider} services: the sandbox, and the
 * Meta WhatsApp Cloud API ({@code meta_cloud}), and a self-hosted WAHA server ({@code waha}).
 */
module hub.gateway.adapter.whatsapp {
    // Transitive: the exported providers' signatures are the application's SPI types.
    requires transitive hub.gateway.application;
    requires jakarta.json;
    // The Cloud API client: the JDK's own, so that time-outs, redirects and (no) resends are ours to set.
    requires java.net.http;

    exports hub.gateway.adapter.whatsapp;

    provides hub.gateway.application.spi.TransportProvider
            with hub.gateway.adapter.whatsapp.SandboxTransportProvider,
                    hub.gateway.adapter.whatsapp.MetaCloudTransportProvider,
                    hub.gateway.adapter.whatsapp.WahaTransportProvider;
}
