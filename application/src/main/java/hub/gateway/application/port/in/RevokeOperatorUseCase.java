package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

/**
 * Revokes an operator for good: its token and its console sessions stop working on every node within a second.
 * Revoking twice is harmless. The built-in {@code admin} is not revoked here: it is {@code GATEWAY_ADMIN_TOKEN}'s,
 * and changing or unsetting that variable is how it is replaced or withdrawn.
 */
public interface RevokeOperatorUseCase {
    /** Audited as {@code by}'s {@code operator.revoke} when it revoked a live operator. */
    RevokeOperatorResult revoke(String operatorId, Operator by);

    sealed interface RevokeOperatorResult {
        record Revoked(String operatorId) implements RevokeOperatorResult {
        }

        record UnknownOperator() implements RevokeOperatorResult {
        }

        record BuiltIn() implements RevokeOperatorResult {
        }
    }
}
