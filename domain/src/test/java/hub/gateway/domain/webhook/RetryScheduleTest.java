package hub.gateway.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {
    private static final Instant FIRST = Instant.parse("2026-05-08T10:00:00Z");
    private final RetrySchedule schedule = RetrySchedule.DEFAULT;

    @Test
    void delaysDoubleWithJitterInTheUpperHalf() {
        Random random = new Random(7);
        for (int attempt = 1; attempt <= 8; attempt++) {
            Duration ceiling = Duration.ofSeconds(5).multipliedBy(1L << (attempt - 1));
            for (int i = 0; i < 50; i++) {
                Instant next = schedule.next(attempt, FIRST, FIRST, random).orElseThrow();
                Duration delay = Duration.between(FIRST, next);
                assertTrue(delay.compareTo(ceiling.dividedBy(2)) >= 0 && delay.compareTo(ceiling) <= 0,
                        "attempt " + attempt + ": " + delay);
            }
        }
    }

    @Test
    void delaysAreCappedAtAnHour() {
        Instant next = schedule.next(40, FIRST, FIRST, new Random(1)).orElseThrow();
        assertTrue(Duration.between(FIRST, next).compareTo(Duration.ofHours(1)) <= 0);
    }

    @Test
    void retriesGoOnForMoreThanADayThenTheEventIsDead() {
        Random random = new Random(3);
        Instant now = FIRST;
        int attempts = 1;
        Optional<Instant> next = schedule.next(attempts, FIRST, now, random);
        while (next.isPresent()) {
            now = next.get();
            attempts++;
            next = schedule.next(attempts, FIRST, now, random);
        }
        assertTrue(Duration.between(FIRST, now).compareTo(Duration.ofHours(24)) >= 0, "gave up after " + Duration.between(FIRST, now));
        assertEquals(FIRST.plus(Duration.ofHours(25)), now, "the last try lands on the give-up time");
        assertTrue(attempts > 20 && attempts < 60, "attempts " + attempts);
    }
}
