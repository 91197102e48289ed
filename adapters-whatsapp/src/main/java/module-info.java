/** WhatsApp transports, offered to the gateway as {@code TransportProvider} services. */
module hub.gateway.adapter.whatsapp {
    requires hub.gateway.application;

    exports hub.gateway.adapter.whatsapp;

    provides hub.gateway.application.spi.TransportProvider
            with hub.gateway.adapter.whatsapp.SandboxTransportProvider;
}
