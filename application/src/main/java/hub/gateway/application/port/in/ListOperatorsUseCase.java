package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every operator, the built-in {@code admin} first, then the stored ones oldest first; never a token. */
public interface ListOperatorsUseCase {
    List<ListedOperator> list();

    /** @param createdAt empty for the built-in admin, which is configuration */
    record ListedOperator(Operator operator, boolean builtIn, Optional<Instant> createdAt, Optional<Instant> revokedAt) {
    }
}
