/** An example third-party transport: on the module path, it is found by the gateway's ServiceLoader. */
module com.example.gateway.echo {
    requires hub.gateway.application;

    provides hub.gateway.application.spi.TransportProvider
            with com.example.gateway.echo.EchoTransportProvider;
}
