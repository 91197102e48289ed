package hub.gateway.bootstrap;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background work that every node runs on its own virtual thread: the webhook dispatcher and the sweeps. A
 * round answers how much it did; after a round that did something the next one starts after {@code busyPause}
 * (a backlog is worked off in consecutive rounds, each small), after an idle round the job waits
 * {@code idlePause}. A round
 * that throws — the database may be away for a while — is logged in one line and tried again after
 * {@link #TROUBLE_PAUSE}. Rounds on several nodes must not step on each other: each job's work is claimed in
 * the database ({@code SKIP LOCKED}, leases), never coordinated here.
 */
final class PeriodicJob implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PeriodicJob.class.getName());
    static final Duration TROUBLE_PAUSE = Duration.ofSeconds(2);

    private final String name;
    private final Thread loop;
    private volatile boolean running = true;

    private PeriodicJob(String name, Duration idlePause, Duration busyPause, IntSupplier round) {
        this.name = name;
        this.loop = Thread.ofVirtual().name(name).unstarted(() -> run(idlePause, busyPause, round));
    }

    /** A job that goes on at once after a round that did something. */
    static PeriodicJob start(String name, Duration idlePause, IntSupplier round) {
        return start(name, idlePause, Duration.ZERO, round);
    }

    /** A job that leaves the database {@code busyPause} between rounds even while it has a backlog. */
    static PeriodicJob start(String name, Duration idlePause, Duration busyPause, IntSupplier round) {
        PeriodicJob job = new PeriodicJob(name, idlePause, busyPause, round);
        job.loop.start();
        return job;
    }

    private void run(Duration idlePause, Duration busyPause, IntSupplier round) {
        while (running) {
            Duration pause;
            try {
                pause = round.getAsInt() > 0 ? busyPause : idlePause;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " round failed: " + e.getMessage());
                pause = TROUBLE_PAUSE;
            }
            if (!pause.isZero() && !sleep(pause)) {
                return;
            }
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops after the round in progress (interrupted if it waits), for at most ten seconds. */
    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
