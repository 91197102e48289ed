package hub.gateway.domain.message;

/** One failing field of a request, with a reason a client developer can act on. */
public record FieldError(String field, String reason) {
}
