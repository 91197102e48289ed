package hub.gateway.domain;

/** What the quota ledger decided for one send, atomically with every other send of the instance. */
public sealed interface QuotaOutcome {
    /** Counted in the minute, the day and the month; the message log row is {@code logId}. */
    record Reserved(long logId) implements QuotaOutcome {
    }

    /** The recipient is suppressed for this purpose (step 8, checked first); logged as refused, nothing counted. */
    record Suppressed(long logId) implements QuotaOutcome {
    }

    /**
     * The same text already went to {@code recipients} other recipients of the instance within the
     * duplicate-content window (step 9); nothing was counted and nothing logged: the caller records the
     * violation.
     */
    record DuplicateContent(int recipients) implements QuotaOutcome {
    }

    /** Refused and logged as refused; nothing was counted. {@code used} is the count at refusal. */
    record Exhausted(Window window, int limit, int used, long logId) implements QuotaOutcome {
    }

    enum Window { MINUTE, DAY, MONTH }

    static Refusal refusalFor(Exhausted exhausted, UsageWindows windows) {
        return switch (exhausted.window()) {
            case MINUTE -> new Refusal.SendingThrottled(exhausted.limit(), exhausted.used(), windows.untilNextMinute());
            case DAY -> new Refusal.DailyLimitReached(exhausted.limit(), exhausted.used(), windows.untilNextDay());
            case MONTH -> new Refusal.MonthlyLimitReached(exhausted.limit(), exhausted.used(), windows.untilNextMonth());
        };
    }
}
