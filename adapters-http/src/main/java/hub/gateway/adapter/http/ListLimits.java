package hub.gateway.adapter.http;

import hub.gateway.application.port.in.ListMessagesUseCase;
import hub.gateway.domain.message.FieldError;
import io.helidon.webserver.http.ServerRequest;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * The operator's list use cases take the limit as given, so the edge bounds it, with the same default and ceiling
 * as the client's message list.
 */
final class ListLimits {
    private ListLimits() {
    }

    /** The list rendered with the request's limit, or the 422 a bad limit earns. */
    static Answer withLimit(ServerRequest req, IntFunction<Answer> render) {
        String rawLimit = req.query().contains("limit") ? req.query().get("limit") : "";
        OptionalInt limit = rawLimit.isBlank()
                ? OptionalInt.of(ListMessagesUseCase.DEFAULT_LIMIT)
                : WholeNumbers.inRange(rawLimit.strip(), 1, ListMessagesUseCase.MAX_LIMIT);
        if (limit.isEmpty()) {
            return ErrorAnswers.validation(List.of(
                    new FieldError("limit", "must be a whole number from 1 to " + ListMessagesUseCase.MAX_LIMIT)));
        }
        return render.apply(limit.getAsInt());
    }
}
