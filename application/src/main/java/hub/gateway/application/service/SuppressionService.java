package hub.gateway.application.service;

import hub.gateway.application.port.in.BlockRecipientUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.LiftSuppressionUseCase;
import hub.gateway.application.port.in.ListSuppressionsUseCase;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Blocks and lifts recipients on behalf of clients and operators. */
final class SuppressionService implements ListSuppressionsUseCase, BlockRecipientUseCase, LiftSuppressionUseCase {
    private static final String PHONE_FORMAT = "must be an international number in E.164 form, starting with + (e.g. +966501234567)";

    private final InstanceLookup instances;
    private final SuppressionList suppressions;
    private final OperatorAudit audit;
    private final Clock clock;

    SuppressionService(InstanceLookup instances, SuppressionList suppressions, OperatorAudit audit, Clock clock) {
        this.instances = instances;
        this.suppressions = suppressions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ListSuppressionsResult list(AccountId accountId, Input instanceId) {
        Optional<String> id = instanceId.nonBlankText();
        if (id.isEmpty()) {
            return new ListSuppressionsResult.Invalid(List.of(new FieldError("instance_id", "is required")));
        }
        return instances.find(Optional.of(accountId), id.get())
                .<ListSuppressionsResult>map(i -> new ListSuppressionsResult.Listed(suppressions.list(i.id(), MAX)))
                .orElseGet(ListSuppressionsResult.UnknownInstance::new);
    }

    @Override
    public BlockRecipientResult block(BlockRecipientCommand command) {
        FieldChecks checks = new FieldChecks();
        Optional<String> id = checks.requiredText("instance_id", command.instanceId(), 64);
        Optional<PhoneNumber> phone = checks.requiredText("phone", command.phone(), 64).flatMap(raw -> {
            Optional<PhoneNumber> parsed = PhoneNumber.parse(raw);
            if (parsed.isEmpty()) {
                checks.fail("phone", PHONE_FORMAT);
            }
            return parsed;
        });
        if (checks.failed()) {
            return new BlockRecipientResult.Invalid(checks.problems());
        }
        Optional<Instance> instance = instances.find(command.accountId(), id.get());
        if (instance.isEmpty()) {
            return new BlockRecipientResult.UnknownInstance();
        }
        SuppressedBy actor = command.accountId().isPresent() ? SuppressedBy.CLIENT : SuppressedBy.ADMIN;
        Suppression block = new Suppression(instance.get().id(), phone.get(), SuppressionReason.BLOCKED, actor, clock.instant());
        if (suppressions.add(block, via(actor, command.operator()), Optional.empty())) {
            audited(command.operator(), AuditAction.SUPPRESSION_BLOCK, block);
            return new BlockRecipientResult.Blocked(block);
        }
        return new BlockRecipientResult.AlreadyBlocked(existing(block).orElse(block));
    }

    @Override
    public LiftSuppressionResult lift(LiftSuppressionCommand command) {
        Optional<PhoneNumber> phone = command.phone() == null ? Optional.empty() : PhoneNumber.parse(command.phone());
        Optional<Instance> instance = instances.find(command.accountId(), command.instanceId());
        if (instance.isEmpty()) {
            return new LiftSuppressionResult.UnknownInstance();
        }
        if (phone.isEmpty()) {
            return new LiftSuppressionResult.Invalid(List.of(new FieldError("phone", PHONE_FORMAT)));
        }
        SuppressedBy actor = command.accountId().isPresent() ? SuppressedBy.CLIENT : SuppressedBy.ADMIN;
        List<Suppression> current = suppressions.find(instance.get().id(), phone.get());
        Optional<Suppression> block = current.stream().filter(s -> s.reason() == SuppressionReason.BLOCKED).findFirst();
        if (block.isPresent() && block.get().canBeLiftedBy(actor)) {
            boolean lifted = suppressions.lift(instance.get().id(), phone.get(), SuppressionReason.BLOCKED, actor,
                    clock.instant(), via(actor, command.operator()), Optional.empty());
            if (!lifted) {
                return new LiftSuppressionResult.NotSuppressed();
            }
            audited(command.operator(), AuditAction.SUPPRESSION_LIFT, block.get());
            return new LiftSuppressionResult.Lifted();
        }
        return current.isEmpty() ? new LiftSuppressionResult.NotSuppressed() : new LiftSuppressionResult.NotYours();
    }

    /** The suppression trail's note: "client API", or "admin API by" and the operator's name. */
    private static String via(SuppressedBy actor, Optional<Operator> operator) {
        return actor.wireName() + " API" + operator.map(o -> " by " + o.name()).orElse("");
    }

    /** An operator's block or lift, right after it was stored; the target is {@code instance/phone}. */
    private void audited(Optional<Operator> operator, AuditAction action, Suppression suppression) {
        operator.ifPresent(by -> audit.append(AuditEntry.of(by, action,
                suppression.instanceId().value() + "/" + suppression.phone().e164(), clock.instant())));
    }

    private Optional<Suppression> existing(Suppression like) {
        return suppressions.find(like.instanceId(), like.phone()).stream()
                .filter(s -> s.reason() == like.reason()).findFirst();
    }
}
