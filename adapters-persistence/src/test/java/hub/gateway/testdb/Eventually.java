package hub.gateway.testdb;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a positive signal: something another thread, node or background job brings about. The deadline
 * only ends a wait that would otherwise never end; it is never what a test asserts.
 */
public final class Eventually {
    private Eventually() {
    }

    public static void assertSeenWithin(Duration deadline, BooleanSupplier seen) {
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
