package hub.gateway.application.port.in;

import hub.gateway.domain.account.Instance;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;

/** An instance with its usage of the current minute, day and month. */
public record InstanceReport(Instance instance, Usage usage, UsageWindows windows) {
}
