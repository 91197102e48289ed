package hub.gateway.application;

import hub.gateway.application.port.in.AuthenticateClientUseCase;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.CheckReadinessUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.GetInstanceUseCase;
import hub.gateway.application.port.in.GetMessageUseCase;
import hub.gateway.application.port.in.GetUsageUseCase;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.ListMessagesUseCase;
import hub.gateway.application.port.in.RevokeApiKeyUseCase;
import hub.gateway.application.port.in.SendMessageUseCase;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.QuotaLedger;
import hub.gateway.application.port.out.StorageHealth;
import hub.gateway.application.port.out.Transports;
import hub.gateway.application.service.Services;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Every use case of the gateway, built from the driven ports. The one way in for the composition root;
 * the services themselves stay package-private.
 */
public record UseCases(AuthenticateClientUseCase authenticateClient,
                       SendMessageUseCase sendMessage,
                       GetMessageUseCase getMessage,
                       ListMessagesUseCase listMessages,
                       GetUsageUseCase getUsage,
                       CheckReadinessUseCase checkReadiness,
                       CreateAccountUseCase createAccount,
                       IssueApiKeyUseCase issueApiKey,
                       RevokeApiKeyUseCase revokeApiKey,
                       CreateInstanceUseCase createInstance,
                       GetInstanceUseCase getInstance,
                       UpdateInstanceUseCase updateInstance,
                       ChangeInstanceStatusUseCase changeInstanceStatus) {

    /** The driven ports the use cases need. */
    public record Ports(Accounts accounts, ApiKeys apiKeys, Instances instances, QuotaLedger quota,
                        MessageLog messageLog, Transports transports, StorageHealth storageHealth, Clock clock) {
    }

    public static UseCases create(Ports ports) {
        return Services.build(ports, new SecureRandom());
    }
}
