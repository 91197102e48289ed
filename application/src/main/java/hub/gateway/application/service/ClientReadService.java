package hub.gateway.application.service;

import hub.gateway.application.port.in.GetMessageUseCase;
import hub.gateway.application.port.in.GetUsageUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ListMessagesUseCase;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessageRecord;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** What a client may read of its own: message log rows and usage. Another account's data does not exist. */
final class ClientReadService implements GetMessageUseCase, ListMessagesUseCase, GetUsageUseCase {
    private final Instances instances;
    private final MessageLog messageLog;
    private final InstanceReports reports;

    ClientReadService(Instances instances, MessageLog messageLog, InstanceReports reports) {
        this.instances = instances;
        this.messageLog = messageLog;
        this.reports = reports;
    }

    @Override
    public Optional<MessageRecord> get(AccountId accountId, long logId) {
        return messageLog.find(accountId, logId);
    }

    @Override
    public ListMessagesResult list(ListMessagesQuery query) {
        Optional<String> id = query.instanceId().nonBlankText();
        if (id.isEmpty()) {
            return new ListMessagesResult.Invalid(List.of(new FieldError("instance_id", "is required")));
        }
        int limit;
        if (query.limit().isAbsent() || (query.limit() instanceof Input.Text t && t.value().isBlank())) {
            limit = DEFAULT_LIMIT;
        } else {
            Optional<Integer> parsed = wholeNumber(query.limit());
            if (parsed.isEmpty() || parsed.get() < 1 || parsed.get() > MAX_LIMIT) {
                return new ListMessagesResult.Invalid(List.of(
                        new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
            }
            limit = parsed.get();
        }
        Optional<Instance> instance = ownInstance(query.accountId(), id.get());
        if (instance.isEmpty()) {
            return new ListMessagesResult.UnknownInstance();
        }
        return new ListMessagesResult.Listed(messageLog.recent(query.accountId(), instance.get().id(), limit));
    }

    @Override
    public GetUsageResult usage(AccountId accountId, Input instanceId) {
        Optional<String> id = instanceId.nonBlankText();
        if (id.isEmpty()) {
            return new GetUsageResult.Invalid(List.of(new FieldError("instance_id", "is required")));
        }
        return ownInstance(accountId, id.get())
                .<GetUsageResult>map(instance -> new GetUsageResult.Found(reports.of(instance)))
                .orElseGet(GetUsageResult.UnknownInstance::new);
    }

    private Optional<Instance> ownInstance(AccountId accountId, String id) {
        if (!InstanceId.isWellFormed(id)) {
            return Optional.empty();
        }
        return instances.find(new InstanceId(id)).filter(i -> i.belongsTo(accountId));
    }

    static Optional<Integer> wholeNumber(Input input) {
        try {
            BigDecimal value = switch (input) {
                case Input.Number n -> n.value();
                case Input.Text t -> new BigDecimal(t.value().strip());
                default -> null;
            };
            return value == null ? Optional.empty() : Optional.of(value.intValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
