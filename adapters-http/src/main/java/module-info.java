/**
 * The HTTP edge of the gateway: Helidon SE webserver, JSON in and out, the one table of error codes.
 * Only {@code GatewayHttp} is public; everything else is package-private inside the exported package.
 */
module hub.gateway.adapter.http {
    requires transitive hub.gateway.application;
    requires io.helidon.webserver;
    requires io.helidon.http.media.jsonp;
    requires jakarta.json;
    // The webhook sender: the JDK's own client, so that redirects, proxies and time-outs are ours to set.
    requires java.net.http;

    exports hub.gateway.adapter.http;
}
