package hub.gateway.application.service;

import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.quota.UsageWindows;

import java.time.Clock;

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
}
