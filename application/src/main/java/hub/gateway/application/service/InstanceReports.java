package hub.gateway.application.service;

import hub.gateway.application.port.in.InstanceReport;
import hub.gateway.application.port.out.QuotaLedger;
import hub.gateway.domain.Instance;
import hub.gateway.domain.UsageWindows;

import java.time.Clock;

/** Puts an instance together with its usage of the windows it is in right now. */
final class InstanceReports {
    private final QuotaLedger quota;
    private final Clock clock;

    InstanceReports(QuotaLedger quota, Clock clock) {
        this.quota = quota;
        this.clock = clock;
    }

    InstanceReport of(Instance instance) {
        UsageWindows windows = UsageWindows.at(clock.instant(), instance.timeZone());
        return new InstanceReport(instance, quota.usage(instance.id(), windows), windows);
    }
}
