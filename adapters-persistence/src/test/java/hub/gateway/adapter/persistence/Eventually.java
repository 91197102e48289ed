package hub.gateway.adapter.persistence;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what another node sees only after its cache hears of the change. */
final class Eventually {
    private Eventually() {
    }

    static void assertSeenWithin(Duration deadline, BooleanSupplier seen) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!seen.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not seen within " + deadline.toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
