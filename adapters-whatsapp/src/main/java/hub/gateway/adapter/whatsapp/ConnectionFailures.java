package hub.gateway.adapter.whatsapp;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;

/**
 * How a request without an answer ended, for every transport that calls its provider over HTTP (contract §13): it
 * was never written (no connection), it ran out of the read time-out, or its connection was lost.
 */
enum ConnectionFailures {
    /** No connection was made: the provider cannot have seen the request. */
    NOT_CONNECTED,
    /** Written, no answer in time: the provider may have acted on it. */
    TIMED_OUT,
    /** Written, connection lost before the answer: the provider may have acted on it. */
    CONNECTION_LOST;

    /** Failures of the connection itself, found anywhere in the exception's causes: the request was never written. */
    private static final List<Class<? extends Throwable>> UNCONNECTED = List.of(ConnectException.class,
            UnknownHostException.class, UnresolvedAddressException.class, NoRouteToHostException.class,
            SSLHandshakeException.class);

    /**
     * The JDK wraps a refused connection in an exception of its own, so the causes are searched too. When in doubt,
     * not "not connected": keeping a send counted that did not go out costs a unit of quota; calling one failed that
     * went out invites the client to send it again.
     */
    static ConnectionFailures of(IOException e) {
        if (e instanceof HttpConnectTimeoutException || causedBy(e)) {
            return NOT_CONNECTED;
        }
        return e instanceof HttpTimeoutException ? TIMED_OUT : CONNECTION_LOST;
    }

    /** A few levels deep is all the JDK wraps; the bound keeps a cycle of causes from looping. */
    private static boolean causedBy(Throwable e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            Throwable current = cause;
            if (UNCONNECTED.stream().anyMatch(kind -> kind.isInstance(current))) {
                return true;
            }
        }
        return false;
    }
}
