package hub.gateway.domain.quota;

import java.util.Optional;

/** Reviewed limits an admin set on an instance; an empty one means "the plan's figure". */
public record LimitOverrides(Optional<Integer> daily, Optional<Integer> monthly, Optional<Integer> perMinute) {
    public static final int MAX_LIMIT = 10_000_000;

    public static final LimitOverrides NONE = new LimitOverrides(Optional.empty(), Optional.empty(), Optional.empty());

    public LimitOverrides {
        requireSensible(daily);
        requireSensible(monthly);
        requireSensible(perMinute);
    }

    public Limits applyTo(Plan plan) {
        Limits base = plan.limits();
        return new Limits(daily.orElse(base.daily()), monthly.orElse(base.monthly()), perMinute.orElse(base.perMinute()));
    }

    public static boolean isSensible(int limit) {
        return limit > 0 && limit <= MAX_LIMIT;
    }

    private static void requireSensible(Optional<Integer> limit) {
        if (limit.isPresent() && !isSensible(limit.get())) {
            throw new IllegalArgumentException("a limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
