package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

/**
 * The operator behind a bearer token: the built-in {@code admin} ({@code GATEWAY_ADMIN_TOKEN}) or a live stored
 * operator. Constant-time for the built-in token; stored tokens are found by their hash. A revoked operator is
 * refused on every node within a second.
 */
public interface AuthenticateOperatorUseCase {
    OperatorAuthentication authenticate(String token);

    sealed interface OperatorAuthentication {
        record Authenticated(Operator operator) implements OperatorAuthentication {
        }

        /** Unknown, revoked, or no admin token configured: the caller learns nothing more. */
        record Refused() implements OperatorAuthentication {
        }
    }
}
