package hub.gateway.application.port.in;

/**
 * One round of the limbo sweep (contract §10): a send still {@code accepted} twice the request deadline after
 * its reservation lost its node on the way to the transport; it becomes {@code unknown}. Every node calls it
 * on a timer.
 */
public interface SweepLimboUseCase {
    Swept sweep();

    /**
     * @param marked sends made {@code unknown} in this round
     * @param more   the round stopped at its bound: the next round should follow at once
     */
    record Swept(int marked, boolean more) {
    }
}
