package hub.gateway.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;
import java.util.Optional;

/**
 * The console's session cookie (contract §12): its value is the session id the sign-in use case made (random; only
 * its hash is stored). {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page sends
 * it), {@code Path=/console} (the API never sees it), no {@code Max-Age} (the server's idle expiry decides, and the
 * browser forgets it when it closes), and {@code Secure} when the browser came over https.
 */
final class ConsoleCookies {
    static final String NAME = "console_session";

    private ConsoleCookies() {
    }

    static Optional<String> sessionId(ServerRequest req) {
        for (String header : req.headers().all(HeaderNames.COOKIE, java.util.List::of)) {
            for (String cookie : header.split(";")) {
                int equals = cookie.indexOf('=');
                if (equals > 0 && cookie.substring(0, equals).strip().equals(NAME)) {
                    String value = cookie.substring(equals + 1).strip();
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    static String starting(String sessionId, ServerRequest req) {
        return NAME + "=" + sessionId + attributes(req);
    }

    /** Tells the browser to forget the cookie. */
    static String ending(ServerRequest req) {
        return NAME + "=; Max-Age=0" + attributes(req);
    }

    private static String attributes(ServerRequest req) {
        return "; Path=" + ConsoleHtml.PREFIX + "; HttpOnly; SameSite=Strict" + (cameOverHttps(req) ? "; Secure" : "");
    }

    /**
     * The connection was TLS, or a proxy in front of the gateway says the browser's was ({@code X-Forwarded-Proto} or
     * {@code Forwarded: proto=https}): behind a TLS-terminating proxy the gateway itself only sees http. Believing a
     * forged header costs nothing: {@code Secure} only ever keeps the cookie off plain http.
     */
    static boolean cameOverHttps(ServerRequest req) {
        if (req.isSecure()) {
            return true;
        }
        boolean forwardedProto = req.headers().first(HeaderNames.X_FORWARDED_PROTO)
                .map(value -> value.split(",", 2)[0].strip().equalsIgnoreCase("https")).orElse(false);
        boolean forwarded = req.headers().first(HeaderNames.FORWARDED)
                .map(value -> value.toLowerCase(Locale.ROOT).split(",", 2)[0].replace(" ", "").matches("(.*;)?proto=\"?https\"?(;.*)?"))
                .orElse(false);
        return forwardedProto || forwarded;
    }
}
