package hub.gateway.adapter.http;

import io.helidon.webserver.http.ServerRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * What the access line knows only after the request was routed and answered: the pattern of the route that
 * matched, the instance the request named (when its caller may see it) and the outcome ({@code sent} or the error
 * code of the answer). The edge filter registers one per request in its context; the routes and the one writer of
 * answers fill it in; the filter reads it when it writes the line. Only this request's thread touches it.
 */
final class AccessFacts {
    private static final String CONTEXT_KEY = "hub.gateway.access-facts";

    private final String method;
    private final long startedNanos;
    /** Null for a throwaway (a request that did not pass the edge filter): nothing is counted. */
    private final GatewayMeters meters;
    private String route;
    private String instanceId;
    private String outcome;
    private boolean counted;

    private AccessFacts(String method, long startedNanos, GatewayMeters meters) {
        this.method = method;
        this.startedNanos = startedNanos;
        this.meters = meters;
    }

    /**
     * @param startedNanos when the edge took the request ({@link System#nanoTime()}): a send's duration runs from it
     * @param meters       counts the send route's answers as they are written
     */
    static AccessFacts registerIn(ServerRequest req, String method, long startedNanos, GatewayMeters meters) {
        AccessFacts facts = new AccessFacts(method, startedNanos, meters);
        req.context().register(CONTEXT_KEY, facts);
        return facts;
    }

    /** The request's facts; a request that did not pass the edge filter (a routing test) gets a throwaway. */
    static AccessFacts of(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, AccessFacts.class).orElseGet(() -> new AccessFacts("", 0, null));
    }

    /** The last route to handle the request wins: a guard that passes the request on is not its route. */
    void route(String pattern) {
        this.route = pattern;
    }

    /** Only an id of the shape the gateway issues (it is client input, and a log line must not be forged). */
    void instanceId(String id) {
        if (hub.gateway.domain.account.InstanceId.isWellFormed(id)) {
            this.instanceId = id;
        }
    }

    void outcome(String outcome) {
        this.outcome = outcome;
    }

    /**
     * An error answer's outcome is its code; a success leaves it to the route (a send says {@code sent}). An answer
     * of the send route is counted here, before it is written: a client that scrapes the metrics once it has its
     * answer finds it counted.
     */
    void answered(Answer answer) {
        if (answer.status() >= 400) {
            errorCode(answer).ifPresent(this::outcome);
        }
        if (meters != null && !counted && isSend()) {
            counted = true;
            meters.sendAnswered(outcome().orElse(answer.status() < 400 ? GatewayMeters.SENT : "http_" + answer.status()),
                    answer.status(), System.nanoTime() - startedNanos);
        }
    }

    /** A request to send a message, whatever its answer: the send route, with the send's method. */
    private boolean isSend() {
        return SendMessageApi.ROUTE.equals(route) && "POST".equals(method);
    }

    Optional<String> route() {
        return Optional.ofNullable(route);
    }

    Optional<String> instanceId() {
        return Optional.ofNullable(instanceId);
    }

    Optional<String> outcome() {
        return Optional.ofNullable(outcome);
    }

    /**
     * The {@code error} of an error body. Read from the answer itself, so that a replayed answer and every writer
     * (guards, screens, the catch-all) report the same way; only error answers are read, and they are small.
     */
    private static Optional<String> errorCode(Answer answer) {
        try (var reader = Jsons.JSON.createReader(new ByteArrayInputStream(answer.body()))) {
            JsonValue body = reader.readValue();
            if (body instanceof JsonObject object && object.get("error") instanceof JsonString code) {
                return Optional.of(code.getString());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
