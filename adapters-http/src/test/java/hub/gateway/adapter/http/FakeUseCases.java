package hub.gateway.adapter.http;

import hub.gateway.application.UseCases;
import hub.gateway.application.port.in.AuthenticateClientUseCase.ClientAuthentication;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceResult;
import hub.gateway.application.port.in.GetUsageUseCase.GetUsageResult;
import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.ListMessagesUseCase.ListMessagesResult;
import hub.gateway.application.port.in.RevokeApiKeyUseCase.RevokeApiKeyResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceResult;
import hub.gateway.domain.Account;
import hub.gateway.domain.AccountId;
import hub.gateway.domain.ApiKeySecret;
import hub.gateway.domain.FieldError;
import hub.gateway.domain.Instance;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.InstanceStatus;
import hub.gateway.domain.LimitOverrides;
import hub.gateway.domain.MessageRecord;
import hub.gateway.domain.Plan;
import hub.gateway.domain.Usage;
import hub.gateway.domain.UsageWindows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Hand-written stand-ins for the use cases: each test sets the behaviour it needs. */
final class FakeUseCases {
    static final String GOOD_KEY = "gk_live_good";
    static final String REVOKED_KEY = "gk_live_revoked";
    static final AccountId ACCOUNT = new AccountId("acc_1");
    static final Instant NOW = Instant.parse("2026-05-08T10:00:30Z");

    final AtomicReference<Function<SendMessageCommand, SendMessageResult>> send =
            new AtomicReference<>(c -> new SendMessageResult.Sent("wamid.1", 123));
    final AtomicReference<SendMessageCommand> lastSend = new AtomicReference<>();
    final AtomicReference<Boolean> ready = new AtomicReference<>(true);

    static InstanceReport report() {
        Instance instance = new Instance(new InstanceId("inst_12345"), ACCOUNT, "Demo Support Line", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, "sandbox", Optional.empty(), ZoneOffset.UTC,
                Instant.parse("2026-05-01T00:00:00Z"));
        return new InstanceReport(instance, new Usage(3, 40, 400), UsageWindows.at(NOW, ZoneOffset.UTC));
    }

    static MessageRecord record() {
        return new MessageRecord(123, Optional.of("wamid.1"), "inst_12345", Optional.of("+966501234567"),
                Optional.of("transactional"), "sent", Optional.empty(), NOW,
                List.of(new MessageRecord.StatusChange("accepted", NOW), new MessageRecord.StatusChange("sent", NOW)));
    }

    UseCases useCases() {
        return new UseCases(
                token -> switch (token) {
                    case GOOD_KEY -> new ClientAuthentication.Authenticated(ACCOUNT);
                    case REVOKED_KEY -> new ClientAuthentication.RevokedKey();
                    default -> new ClientAuthentication.UnknownKey();
                },
                command -> {
                    lastSend.set(command);
                    return send.get().apply(command);
                },
                (account, logId) -> account.equals(ACCOUNT) && logId == 123 ? Optional.of(record()) : Optional.empty(),
                query -> query.instanceId().nonBlankText().isEmpty()
                        ? new ListMessagesResult.Invalid(List.of(new FieldError("instance_id", "is required")))
                        : query.instanceId().nonBlankText().get().equals("inst_12345")
                        ? new ListMessagesResult.Listed(List.of(record()))
                        : new ListMessagesResult.UnknownInstance(),
                (account, instanceId) -> instanceId.nonBlankText().filter("inst_12345"::equals).isPresent()
                        ? new GetUsageResult.Found(report())
                        : new GetUsageResult.UnknownInstance(),
                ready::get,
                command -> command.name().nonBlankText()
                        .<CreateAccountResult>map(name -> new CreateAccountResult.Created(
                                new Account(new AccountId("acc_new"), name, java.time.ZoneId.of("UTC"))))
                        .orElseGet(() -> new CreateAccountResult.Invalid(List.of(new FieldError("name", "is required")))),
                account -> account.value().equals("acc_1")
                        ? new IssueApiKeyResult.Issued("key_1", new ApiKeySecret("gk_live_secret"))
                        : new IssueApiKeyResult.UnknownAccount(),
                keyId -> keyId.equals("key_1") ? new RevokeApiKeyResult.Revoked("key_1") : new RevokeApiKeyResult.UnknownKey(),
                command -> command.instanceId().nonBlankText().filter("taken"::equals).isPresent()
                        ? new CreateInstanceResult.AlreadyExists()
                        : new CreateInstanceResult.Created(report(), "whsec_abc"),
                id -> id.equals("inst_12345") ? Optional.of(report()) : Optional.empty(),
                command -> command.instanceId().equals("inst_12345")
                        ? new UpdateInstanceResult.Updated(report())
                        : new UpdateInstanceResult.UnknownInstance(),
                (id, status) -> id.equals("inst_12345") ? Optional.of(report()) : Optional.empty());
    }
}
