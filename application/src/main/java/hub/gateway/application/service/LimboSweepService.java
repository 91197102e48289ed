package hub.gateway.application.service;

import hub.gateway.application.port.in.SweepLimboUseCase;
import hub.gateway.application.port.out.AbandonedSends;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A live node answers every send within its deadline plus the transport's time-out, so a row still 'accepted'
 * twice the deadline after it was reserved has, in practice, lost its node. Marking it 'unknown' early costs
 * little: the live node's late answer still moves it on ('sent', or failed).
 */
final class LimboSweepService implements SweepLimboUseCase {
    /** Small enough that a round holds its row locks for a moment only. */
    static final int BATCH = 100;

    private final AbandonedSends abandoned;
    private final Duration limboAfter;
    private final Clock clock;

    LimboSweepService(AbandonedSends abandoned, Duration requestDeadline, Clock clock) {
        this.abandoned = abandoned;
        this.limboAfter = requestDeadline.multipliedBy(2);
        this.clock = clock;
    }

    @Override
    public Swept sweep() {
        Instant now = clock.instant();
        AbandonedSends.Round round = abandoned.markUnknown(now.minus(limboAfter), now, BATCH);
        return new Swept(round.marked(), round.more());
    }
}
