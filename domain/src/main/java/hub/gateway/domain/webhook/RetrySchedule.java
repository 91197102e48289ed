package hub.gateway.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a webhook delivery again: exponential back-off from {@code first}, doubling up to
 * {@code cap}, with full jitter over the upper half of each delay so that many failing events do not
 * retry in step; an event is given up (dead) once {@code giveUpAfter} has passed since its first attempt.
 */
public record RetrySchedule(Duration first, Duration cap, Duration giveUpAfter) {
    /** 5 s, 10 s, 20 s … capped at one hour, for 25 hours: at least a day of retries, as promised. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(25));

    public RetrySchedule {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0 || giveUpAfter.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry schedule must grow from a positive first delay");
        }
    }

    /**
     * @param attempts       failed attempts so far, at least 1
     * @param firstAttemptAt when the event was first tried
     * @return the next attempt time, or empty when the event is dead
     */
    public Optional<Instant> next(int attempts, Instant firstAttemptAt, Instant now, RandomGenerator random) {
        if (!now.isBefore(firstAttemptAt.plus(giveUpAfter))) {
            return Optional.empty();
        }
        Duration ceiling = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        if (ceiling.compareTo(cap) > 0) {
            ceiling = cap;
        }
        long half = ceiling.toMillis() / 2;
        long jittered = half + random.nextLong(half + 1);
        Instant next = now.plusMillis(jittered);
        Instant giveUp = firstAttemptAt.plus(giveUpAfter);
        // The last try lands on the give-up time rather than past it.
        return Optional.of(next.isAfter(giveUp) ? giveUp : next);
    }
}
