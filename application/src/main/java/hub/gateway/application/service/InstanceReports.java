package hub.gateway.application.service;

import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts an instance together with its usage of the windows it is in right now. */
final class InstanceReports {
    private final SendGate gate;
    private final Clock clock;

    InstanceReports(SendGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    InstanceReport of(Instance instance) {
        UsageWindows windows = UsageWindows.at(clock.instant(), instance.timeZone());
        return new InstanceReport(instance, gate.usage(instance.id(), windows), windows);
    }

    /** The same for a page of instances, at one moment and in one round trip; in the order given. */
    List<InstanceReport> of(List<Instance> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<InstanceId, UsageWindows> windows = new LinkedHashMap<>();
        instances.forEach(i -> windows.put(i.id(), UsageWindows.at(now, i.timeZone())));
        Map<InstanceId, Usage> usage = gate.usage(windows);
        return instances.stream()
                .map(i -> new InstanceReport(i, usage.getOrDefault(i.id(), Usage.NONE), windows.get(i.id())))
                .toList();
    }
}
