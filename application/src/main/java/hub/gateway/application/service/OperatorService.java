package hub.gateway.application.service;

import hub.gateway.application.port.in.AuthenticateOperatorUseCase;
import hub.gateway.application.port.in.CreateOperatorUseCase;
import hub.gateway.application.port.in.ListAuditEntriesUseCase;
import hub.gateway.application.port.in.ListOperatorsUseCase;
import hub.gateway.application.port.in.RevokeOperatorUseCase;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Operators;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.OperatorToken;
import hub.gateway.domain.operator.RegisteredOperator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who operates: the built-in {@code admin} of {@code GATEWAY_ADMIN_TOKEN} and the stored operators, and the audit
 * log of what they did.
 */
final class OperatorService implements AuthenticateOperatorUseCase, CreateOperatorUseCase, RevokeOperatorUseCase,
        ListOperatorsUseCase, ListAuditEntriesUseCase {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private final Operators operators;
    private final OperatorAudit audit;
    private final Optional<ApiKeyHash> adminTokenHash;
    private final RandomIds ids;
    private final Clock clock;

    /** @param adminTokenHash the hash of {@code GATEWAY_ADMIN_TOKEN}; empty: there is no built-in admin */
    OperatorService(Operators operators, OperatorAudit audit, Optional<ApiKeyHash> adminTokenHash, RandomIds ids,
                    Clock clock) {
        this.operators = operators;
        this.audit = audit;
        this.adminTokenHash = adminTokenHash;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public OperatorAuthentication authenticate(String token) {
        return operatorOf(token)
                .<OperatorAuthentication>map(OperatorAuthentication.Authenticated::new)
                .orElseGet(OperatorAuthentication.Refused::new);
    }

    /** The live operator of a token; the built-in token is compared in constant time, stored ones by their hash. */
    Optional<Operator> operatorOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        ApiKeyHash presented = ApiKeyHash.of(token);
        if (isAdminToken(presented)) {
            return Optional.of(Operator.ADMIN);
        }
        return operators.findByTokenHash(presented)
                .filter(found -> !found.isRevoked())
                .map(RegisteredOperator::operator);
    }

    /** True when the hash is the configured admin token's (constant-time). */
    boolean isAdminToken(ApiKeyHash presented) {
        return adminTokenHash.isPresent() && adminTokenHash.get().matches(presented);
    }

    @Override
    public CreateOperatorResult create(CreateOperatorCommand command, Operator by) {
        FieldChecks checks = new FieldChecks();
        Optional<String> name = checks.requiredText("name", command.name(), 100).map(String::strip);
        if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
            checks.fail("name", "must be 1-100 letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
        }
        if (checks.failed()) {
            return new CreateOperatorResult.Invalid(checks.problems());
        }
        if (name.get().equalsIgnoreCase(Operator.ADMIN_NAME)) {
            return new CreateOperatorResult.NameTaken();
        }
        Operator operator = new Operator(ids.id("op"), name.get());
        OperatorToken token = OperatorToken.generate(ids.random());
        Instant now = clock.instant();
        RegisteredOperator stored = new RegisteredOperator(operator, token.hash(), now, Optional.empty());
        if (!operators.add(stored, AuditEntry.of(by, AuditAction.OPERATOR_CREATE, operator.name(), now))) {
            return new CreateOperatorResult.NameTaken();
        }
        return new CreateOperatorResult.Created(operator, token);
    }

    @Override
    public RevokeOperatorResult revoke(String operatorId, Operator by) {
        if (Operator.ADMIN.id().equals(operatorId)) {
            return new RevokeOperatorResult.BuiltIn();
        }
        Instant now = clock.instant();
        Optional<RegisteredOperator> target = operators.find(operatorId);
        if (target.isEmpty()) {
            return new RevokeOperatorResult.UnknownOperator();
        }
        AuditEntry audited = AuditEntry.of(by, AuditAction.OPERATOR_REVOKE, target.get().operator().name(), now);
        return operators.revoke(operatorId, now, audited)
                ? new RevokeOperatorResult.Revoked(operatorId)
                : new RevokeOperatorResult.UnknownOperator();
    }

    @Override
    public List<ListedOperator> list() {
        List<ListedOperator> listed = new ArrayList<>();
        if (adminTokenHash.isPresent()) {
            listed.add(new ListedOperator(Operator.ADMIN, true, Optional.empty(), Optional.empty()));
        }
        operators.list().forEach(o -> listed.add(
                new ListedOperator(o.operator(), false, Optional.of(o.createdAt()), o.revokedAt())));
        return listed;
    }

    @Override
    public List<AuditEntry> list(int limit) {
        return audit.recent(limit);
    }
}
