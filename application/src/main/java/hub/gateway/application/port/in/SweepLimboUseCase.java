package hub.gateway.application.port.in;

import hub.gateway.application.port.out.AbandonedSends;

/**
 * One round of the limbo sweep (contract §10): a send still {@code accepted} twice the request deadline after
 * its reservation lost its node on the way to the transport; it becomes {@code unknown}. Every node calls it
 * on a timer.
 */
public interface SweepLimboUseCase {
    AbandonedSends.Round sweep();
}
