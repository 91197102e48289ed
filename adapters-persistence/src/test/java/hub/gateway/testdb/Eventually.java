package hub.gateway.testdb;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a positive signal: something another thread, node or background job brings about. The deadline
 * only ends a wait that would otherwise never end; it is never what a test asserts. The one wait of every test
 * module that has this test-jar (bootstrap's and the adapters').
 */
public final class Eventually {
    private Eventually() {
    }

    public static void assertSeenWithin(Duration deadline, BooleanSupplier seen) {
        assertSeenWithin(deadline, seen, "");
    }

    /** @param what what was awaited, for the failure's message */
    public static void assertSeenWithin(Duration deadline, BooleanSupplier seen, String what) {
        long until = System.nanoTime() + deadline.toNanos();
        while (!seen.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not seen within " + deadline.toMillis() + " ms" + (what.isEmpty() ? "" : ": " + what));
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
