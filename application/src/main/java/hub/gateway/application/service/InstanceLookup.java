package hub.gateway.application.service;

import hub.gateway.application.port.out.Instances;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;

import java.util.Optional;

/** Finds an instance by the id a caller sent; another account's instance does not exist for that caller. */
final class InstanceLookup {
    private final Instances instances;

    InstanceLookup(Instances instances) {
        this.instances = instances;
    }

    /** @param accountId empty: an operator, who sees every instance */
    Optional<Instance> find(Optional<AccountId> accountId, String rawId) {
        if (rawId == null || !InstanceId.isWellFormed(rawId)) {
            return Optional.empty();
        }
        return instances.find(new InstanceId(rawId))
                .filter(instance -> accountId.map(instance::belongsTo).orElse(true));
    }
}
