package hub.gateway.application.port.in;

import hub.gateway.domain.send.RefusalReason;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The operator's overview of the whole gateway over the last 24 hours. */
public interface GetOverviewUseCase {
    int HOURS = 24;
    int TOP_REFUSALS = 10;

    Overview overview();

    /**
     * @param from          the start of the oldest hour: the current hour (UTC) minus 23 hours
     * @param until         the end of the current hour, which is still under way
     * @param at            now: when the overview was taken
     * @param hours         {@link #HOURS} entries, oldest first, hours without sends included
     * @param topRefusals   the most frequent refusal reasons from {@code from} to {@code until}, most frequent first
     * @param optOuts       recipients' own stops from {@code from} to {@code until}
     * @param webhookBacklog the events still owed a delivery now
     */
    record Overview(Instant from, Instant until, Instant at, List<HourOfSends> hours, List<RefusalCount> topRefusals, long optOuts,
                    WebhookBacklog webhookBacklog) {
        public Overview {
            hours = List.copyOf(hours);
            topRefusals = List.copyOf(topRefusals);
        }
    }

    /**
     * One hour's sends by outcome: {@code sent} the transport took (sent, delivered or read since), {@code failed} it
     * did not, {@code refused} the gateway refused, {@code unknown} not known yet (in flight, or lost with its node).
     */
    record HourOfSends(Instant hour, long sent, long failed, long refused, long unknown) {
    }

    record RefusalCount(RefusalReason reason, long count) {
    }

    /** @param oldestAge how long the oldest pending event has waited, empty when none is pending */
    record WebhookBacklog(long pending, Optional<Instant> oldestCreatedAt, Optional<Duration> oldestAge) {
    }
}
