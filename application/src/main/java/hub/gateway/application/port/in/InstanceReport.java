package hub.gateway.application.port.in;

import hub.gateway.domain.Instance;
import hub.gateway.domain.Usage;
import hub.gateway.domain.UsageWindows;

/** An instance with its usage of the current minute, day and month. */
public record InstanceReport(Instance instance, Usage usage, UsageWindows windows) {
}
