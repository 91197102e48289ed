package hub.gateway.adapter.http.console;

/** A refusal's wire code (the edge's catalogue names it) and how often it was answered. */
public record RefusalCode(String code, long count) {
}
