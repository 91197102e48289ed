/**
 * The load benchmark (scripts/benchmark): a tool run against a gateway, never part of one. It talks to the
 * gateway over HTTP only, so it needs none of the gateway's modules.
 */
module hub.gateway.tools.benchmark {
    requires java.net.http;
    requires HdrHistogram;
}
