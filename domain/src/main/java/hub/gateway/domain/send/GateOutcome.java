package hub.gateway.domain.send;

import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;

import java.util.Objects;

/**
 * What the send gate decided for one send, atomically with every other send of the instance (contract §3, steps
 * 8 to 11, in that order, with §13's customer-service window between 8 and 9): suppressed, the window closed, a
 * risk confirmed by what the gate holds, a duplicate of recent content, over one of the three limits, or reserved.
 * Every refusal is already logged when it is answered; what it means on the wire is the edge's business.
 */
public sealed interface GateOutcome {
    /**
     * Counted in the minute, the day and the month; the message log row is {@code logId}, 'accepted'. {@code usage}
     * is the instance's counts with this send, read under the same lock.
     */
    record Reserved(long logId, Usage usage) implements GateOutcome {
        public Reserved {
            Objects.requireNonNull(usage);
        }
    }

    /** The recipient is suppressed for this purpose (step 8, checked first); logged as refused, nothing counted. */
    record Suppressed(long logId) implements GateOutcome {
    }

    /**
     * The send needed the recipient's customer-service window open ({@link CustomerServiceWindow}), and the
     * recipient has not written within it: checked right after suppression, before the instance's lock, the
     * duplicate-content rule and the limits. Logged as refused, nothing counted, no assessment stored.
     */
    record WindowClosed(long logId) implements GateOutcome {
    }

    /**
     * The same text already went to {@code recipients} other recipients of the instance within the
     * duplicate-content window (step 9). Nothing was counted; the refusal was recorded as a policy violation, with
     * its risk event, in the same call, and {@code violations} is the instance's count of them within the
     * violations window, this one included: the caller decides the pause from it.
     */
    record DuplicateContent(int recipients, int violations, long logId) implements GateOutcome {
    }

    /**
     * Step 9's conditional signals ({@link hub.gateway.domain.risk.ConditionalSignal}) that held for this send — a
     * WhatsApp chat link to a recipient who never wrote, a host no accepted send linked to lately — brought its score
     * to the block score: nothing was counted, the refusal was recorded as a policy violation with its risk event in the
     * same call, and {@code violations} is the instance's count of those that count towards the pause, this one
     * included. {@code held} has bit {@code i} set for the reservation's {@code i}th conditional signal that held.
     */
    record RiskConfirmed(int held, int violations, long logId) implements GateOutcome {
    }

    /**
     * Over the limit of {@code window}; logged as refused, nothing counted. {@code used} is that window's count at
     * refusal, {@code usage} the counts of all three (the same {@code used} in {@code window}).
     */
    record Exhausted(Window window, int limit, int used, long logId, Usage usage) implements GateOutcome {
        public Exhausted {
            Objects.requireNonNull(window);
            Objects.requireNonNull(usage);
        }
    }

    /** The three counted windows, checked in this order. */
    enum Window { MINUTE, DAY, MONTH }

    /** The refusal of an exhausted window, with where the instance stands in all three (the limits in force). */
    static Refusal refusalFor(Exhausted exhausted, Limits limits, UsageWindows windows) {
        QuotaStanding quota = new QuotaStanding(limits, exhausted.usage(), windows);
        return switch (exhausted.window()) {
            case MINUTE -> new Refusal.SendingThrottled(quota);
            case DAY -> new Refusal.DailyLimitReached(quota);
            case MONTH -> new Refusal.MonthlyLimitReached(quota);
        };
    }
}
