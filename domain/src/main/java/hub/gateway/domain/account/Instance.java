package hub.gateway.domain.account;

import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Plan;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One sending line of an account.
 *
 * @param timeZone the owning account's time zone, carried here because every quota decision needs it
 */
public record Instance(InstanceId id,
                       AccountId accountId,
                       String name,
                       Plan plan,
                       LimitOverrides overrides,
                       InstanceStatus status,
                       String transport,
                       TransportAccount transportAccount,
                       Optional<String> webhookUrl,
                       ZoneId timeZone,
                       Instant createdAt) {
    public Instance {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(plan);
        Objects.requireNonNull(overrides);
        Objects.requireNonNull(status);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(transportAccount);
        Objects.requireNonNull(webhookUrl);
        Objects.requireNonNull(timeZone);
        Objects.requireNonNull(createdAt);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("instance name must not be blank");
        }
    }

    /** An instance on a transport that needs no account of its own (the sandbox). */
    public Instance(InstanceId id, AccountId accountId, String name, Plan plan, LimitOverrides overrides,
                    InstanceStatus status, String transport, Optional<String> webhookUrl, ZoneId timeZone,
                    Instant createdAt) {
        this(id, accountId, name, plan, overrides, status, transport, TransportAccount.NONE, webhookUrl, timeZone, createdAt);
    }

    public Limits limits() {
        return overrides.applyTo(plan);
    }

    public boolean isPaused() {
        return status == InstanceStatus.PAUSED_FOR_REVIEW;
    }

    public boolean belongsTo(AccountId account) {
        return accountId.equals(account);
    }

    public Instance withStatus(InstanceStatus newStatus) {
        return new Instance(id, accountId, name, plan, overrides, newStatus, transport, transportAccount, webhookUrl,
                timeZone, createdAt);
    }
}
