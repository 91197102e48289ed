package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.SendReservation.DuplicateContentRule;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeySecret;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Plan;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.suppression.SuppressionReason;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Rows the tests need, each with fresh ids so that tests sharing a database never collide. */
final class Fixtures {
    static final Instant CREATED = Instant.parse("2025-01-15T10:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresPersistence persistence;

    Fixtures(PostgresPersistence persistence) {
        this.persistence = persistence;
    }

    static PostgresPersistence freshPersistence() {
        TestDatabase database = TestDatabase.shared();
        return PostgresPersistence.connect(database.createDatabase(), database.user(), database.password(), 4, TestSecretKeys.keys());
    }

    Account account(ZoneId zone) {
        Account account = new Account(new AccountId("acc_" + shortId()), "Test account", zone);
        persistence.accounts().add(account);
        return account;
    }

    Instance instance(Account account) {
        return instance(account, LimitOverrides.NONE);
    }

    Instance instance(Account account, LimitOverrides overrides) {
        Instance instance = new Instance(new InstanceId("inst-" + shortId()), account.id(), "Support line", Plan.STARTER,
                overrides, InstanceStatus.ACTIVE, "sandbox", Optional.of("https://example.com/hook"),
                account.timeZone(), CREATED);
        if (!persistence.instances().add(instance, "whsec_dGVzdA==")) {
            throw new IllegalStateException("instance id clash in a test");
        }
        return instance;
    }

    /** An instance on the Meta Cloud transport, with its own phone number id and access token. */
    Instance metaInstance(Account account, String phoneNumberId, String accessToken) {
        Instance instance = new Instance(new InstanceId("inst-" + shortId()), account.id(), "Meta line", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, "meta_cloud",
                new TransportAccount(Optional.of(phoneNumberId), Optional.of(accessToken)),
                Optional.of("https://example.com/hook"), account.timeZone(), CREATED);
        if (!persistence.instances().add(instance, "whsec_dGVzdA==")) {
            throw new IllegalStateException("instance id or phone number id clash in a test");
        }
        return instance;
    }

    ApiKey apiKey(Account account) {
        ApiKeySecret secret = ApiKeySecret.generate(RANDOM);
        ApiKey key = new ApiKey("key_" + shortId(), account.id(), secret.visiblePrefix(), secret.hash(), CREATED,
                Optional.empty());
        persistence.apiKeys().add(key);
        return key;
    }

    /** As the send use case computes them: the reasons whose suppression refuses this purpose. */
    static Set<SuppressionReason> blockingReasons(MessagePurpose purpose) {
        return Arrays.stream(SuppressionReason.values()).filter(r -> r.blocks(purpose)).collect(Collectors.toSet());
    }

    /** A duplicate-content rule that never refuses: a text nobody else sends. */
    static DuplicateContentRule anyContent() {
        return duplicateContent(ContentFingerprint.of(new InstanceId("inst_any"), "text " + shortId()), 25, Duration.ofMinutes(60));
    }

    /** As the send use case builds it with the default policy, for a clean text. */
    static DuplicateContentRule duplicateContent(ContentFingerprint text, int maxOtherRecipients, Duration window) {
        RiskPolicy policy = RiskPolicyFile.defaults();
        return new DuplicateContentRule(text, maxOtherRecipients, window,
                policy.duplicateContent().toCount(RiskAssessment.CLEAN), policy.repeatedViolations());
    }

    /** A reservation without an Idempotency-Key. */
    static SendReservation reservation(AccountId account, InstanceId instance, PhoneNumber recipient,
                                       MessagePurpose purpose, Limits limits, UsageWindows windows,
                                       Set<SuppressionReason> suppressedBy, DuplicateContentRule duplicateContent,
                                       RiskAssessment assessment) {
        return reservation(account, instance, recipient, purpose, limits, windows, suppressedBy, duplicateContent,
                assessment, Optional.empty());
    }

    static SendReservation reservation(AccountId account, InstanceId instance, PhoneNumber recipient,
                                       MessagePurpose purpose, Limits limits, UsageWindows windows,
                                       Set<SuppressionReason> suppressedBy, DuplicateContentRule duplicateContent,
                                       RiskAssessment assessment, Optional<String> idempotencyKey) {
        return new SendReservation(new SendReservation.Send(account, instance, recipient, purpose, idempotencyKey),
                suppressedBy, false, Optional.of(duplicateContent), limits, windows, assessment);
    }

    /** The i-th of many distinct recipients. */
    static PhoneNumber recipient(int i) {
        return new PhoneNumber("+9665%08d".formatted(10_000_000 + i));
    }

    static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
