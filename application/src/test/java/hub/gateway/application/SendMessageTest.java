package hub.gateway.application;

import hub.gateway.domain.operator.Operator;
import hub.gateway.application.port.in.AuthenticateClientUseCase.ClientAuthentication;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.IssueApiKeyUseCase;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase;
import hub.gateway.application.port.out.Transport;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.send.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The contract's order of checks, on in-memory ports and a fixed clock. */
class SendMessageTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-05-08T10:00:30Z"), ZoneOffset.UTC);
    private InMemoryPorts ports;
    private UseCases useCases;
    private AccountId account;
    private String apiKey;

    @BeforeEach
    void anAccountWithOneStarterInstance() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Shop"), Input.MISSING), Operator.ADMIN)).account().id();
        assertInstanceOf(CreateInstanceUseCase.CreateInstanceResult.Created.class, useCases.createInstance().create(
                new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()), Input.text("shop-line"),
                        Input.text("Shop line"), Input.text("starter"), Input.MISSING, Input.MISSING), Operator.ADMIN));
        apiKey = ((IssueApiKeyUseCase.IssueApiKeyResult.Issued) useCases.issueApiKey().issue(account, Operator.ADMIN)).secret().value();
    }

    @Test
    void aValidTransactionalMessageIsSentAndLogged() {
        SendMessageResult.Sent sent = assertInstanceOf(SendMessageResult.Sent.class, send("transactional", "+966 50 123 4567"));
        assertEquals("wamid." + sent.logId(), sent.messageId());
        assertEquals("sent", ports.log.get(sent.logId()).status());
        assertEquals("+966501234567", ports.log.get(sent.logId()).phone().orElseThrow());
        // Where the instance stands with this send counted: what the rate-limit headers are made of.
        assertEquals(new Usage(1, 1, 1), sent.quota().used());
        assertEquals(ports.instances.get(new InstanceId("shop-line")).limits(), sent.quota().limits());
        assertEquals(clock.instant(), sent.quota().windows().now());
        assertEquals(new Usage(2, 2, 2), assertInstanceOf(SendMessageResult.Sent.class,
                send("transactional", "+966501234567")).quota().used());
    }

    @Test
    void apiKeysAuthenticateUntilRevoked() {
        assertEquals(new ClientAuthentication.Authenticated(account), useCases.authenticateClient().authenticate(apiKey));
        assertInstanceOf(ClientAuthentication.UnknownKey.class, useCases.authenticateClient().authenticate("gk_live_nope"));
        String keyId = ports.keys.keySet().iterator().next();
        useCases.revokeApiKey().revoke(keyId, Operator.ADMIN);
        assertInstanceOf(ClientAuthentication.RevokedKey.class, useCases.authenticateClient().authenticate(apiKey));
        assertEquals(64, ports.keys.get(keyId).hash().hex().length(), "only the hash is kept");
    }

    @Test
    void purposeIsCheckedBeforeAnyOtherField() {
        SendMessageCommand nothingValid = new SendMessageCommand(account, Input.MISSING, Input.text("123"), Input.NULL, Input.MISSING, clock.instant().plusSeconds(5));
        assertEquals(new SendMessageResult.Refused(new Refusal.PurposeRequired()), useCases.sendMessage().send(nothingValid));
        assertEquals(new SendMessageResult.Refused(new Refusal.PurposeRequired()), send(" ", "+966501234567"));
        assertEquals(new SendMessageResult.Refused(new Refusal.PurposeNotAllowed("Marketing", true)), send("Marketing", "not a phone"));
        assertEquals(new SendMessageResult.Refused(new Refusal.PurposeNotAllowed("newsletter", false)), send("newsletter", "+966501234567"));
        assertEquals(0, ports.log.size(), "nothing before the instance check is logged");
    }

    @Test
    void validationListsEveryFailingField() {
        SendMessageCommand command = new SendMessageCommand(account, new Input.Number(BigDecimal.ONE), Input.text("0501234567"),
                Input.text("x".repeat(4097)), Input.text("support"), clock.instant().plusSeconds(5));
        Refusal.InvalidFields invalid = (Refusal.InvalidFields) ((SendMessageResult.Refused) useCases.sendMessage().send(command)).refusal();
        assertEquals(List.of("instance_id", "phone", "message"), invalid.fields().stream().map(FieldError::field).toList());
    }

    @Test
    void anotherAccountsInstanceIsAnsweredAsUnknownAndLogged() {
        SendMessageCommand command = new SendMessageCommand(new AccountId("acc_other"), Input.text("shop-line"),
                Input.text("+966501234567"), Input.text("Your code is 123456"), Input.text("authentication"), clock.instant().plusSeconds(5));
        assertEquals(new SendMessageResult.Refused(new Refusal.UnknownInstance()), useCases.sendMessage().send(command));
        assertEquals("invalid_instance", ports.log.values().iterator().next().error().orElseThrow());
    }

    @Test
    void aPausedInstanceSendsNothing() {
        useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand(
                "shop-line", InstanceStatus.PAUSED_FOR_REVIEW, Input.MISSING), Operator.ADMIN);
        assertEquals(new SendMessageResult.Refused(new Refusal.InstancePaused()), send("support", "+966501234567"));
        useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand(
                "shop-line", InstanceStatus.ACTIVE, Input.MISSING), Operator.ADMIN);
        assertInstanceOf(SendMessageResult.Sent.class, send("support", "+966501234567"));
    }

    @Test
    void speedIsCheckedBeforeTheDailyLimitWhichIsCheckedBeforeTheMonthly() {
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(SendMessageResult.Sent.class, send("transactional", "+966501234567"));
        }
        Refusal.SendingThrottled throttled = assertInstanceOf(Refusal.SendingThrottled.class,
                ((SendMessageResult.Refused) send("transactional", "+966501234567")).refusal());
        assertEquals(20, throttled.limit());
        assertEquals(20, throttled.used());
        assertEquals(Duration.ofSeconds(30), throttled.retryAfter());
        assertEquals(new Usage(20, 20, 20), throttled.quota().used(), "nothing counted, all three windows told");
        assertEquals(ports.instances.get(new InstanceId("shop-line")).limits(), throttled.quota().limits());

        useCases.updateInstance().update(new UpdateInstanceUseCase.UpdateInstanceCommand("shop-line", Input.MISSING,
                new Input.Number(BigDecimal.valueOf(20)), Input.MISSING, new Input.Number(BigDecimal.valueOf(1000)),
                Input.MISSING, Input.MISSING), Operator.ADMIN);
        Refusal daily = ((SendMessageResult.Refused) send("transactional", "+966501234567")).refusal();
        Refusal.DailyLimitReached dailyLimit = assertInstanceOf(Refusal.DailyLimitReached.class, daily);
        assertEquals(20, dailyLimit.limit());
        assertEquals(20, dailyLimit.used());
        assertEquals(Duration.ofSeconds(14 * 3600 - 30), dailyLimit.retryAfter());
        assertEquals(20, dailyLimit.quota().limits().daily(), "the limits in force, after the update");
    }

    @Test
    void aFailedDeliveryGivesItsQuotaBack() {
        ports.transport = m -> new Transport.Delivery.Failed("131026", "Message undeliverable");
        Refusal.DeliveryFailed failed = (Refusal.DeliveryFailed) ((SendMessageResult.Refused) send("support", "+966501234567")).refusal();
        assertEquals("131026", failed.transportCode());
        assertEquals("failed", ports.log.get(failed.logId()).status());
        assertEquals(0, ports.usage(new InstanceId("shop-line"), hub.gateway.domain.quota.UsageWindows.at(clock.instant(), ZoneOffset.UTC)).day());
    }

    @Test
    void aDeliveryThatMayHaveGoneOutKeepsItsQuotaAndLeavesTheRowUnknownForAStatusToSettle() {
        ports.transport = m -> new Transport.Delivery.Unknown("timeout", "The WhatsApp Cloud API did not answer in time.");
        SendMessageResult.DeliveryUnknown unknown = assertInstanceOf(SendMessageResult.DeliveryUnknown.class,
                send("support", "+966501234567"));
        assertEquals("timeout", unknown.transportCode());
        assertEquals(new Usage(1, 1, 1), unknown.quota().used(), "the send stays counted");
        assertEquals("unknown", ports.log.get(unknown.logId()).status());
        assertEquals(1, ports.usage(new InstanceId("shop-line"), hub.gateway.domain.quota.UsageWindows.at(clock.instant(), ZoneOffset.UTC)).day());
        assertEquals(List.of("unknown"), ports.log.get(unknown.logId()).statusHistory().stream()
                .map(hub.gateway.domain.message.MessageRecord.StatusChange::status).toList());
    }

    @Test
    void aTransportThatThrowsCountsAsAFailedDelivery() {
        ports.transport = m -> {
            throw new IllegalStateException("connection reset");
        };
        Refusal refusal = ((SendMessageResult.Refused) send("support", "+966501234567")).refusal();
        assertInstanceOf(Refusal.DeliveryFailed.class, refusal);
        assertEquals(0, ports.usage(new InstanceId("shop-line"), hub.gateway.domain.quota.UsageWindows.at(clock.instant(), ZoneOffset.UTC)).day());
    }

    private SendMessageResult send(String purpose, String phone) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text("shop-line"), Input.text(phone),
                Input.text("Your order #2041 has been shipped."), Input.text(purpose), clock.instant().plusSeconds(5)));
    }
}
