package hub.gateway.bootstrap;

import hub.gateway.application.port.in.DeliverWebhooksUseCase;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the webhook dispatcher on every node: a round every quarter second, or at once after a round that
 * found work. Nodes never deliver the same event at the same time (the outbox leases what it hands out).
 */
final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final Duration IDLE_PAUSE = Duration.ofMillis(250);
    private static final Duration TROUBLE_PAUSE = Duration.ofSeconds(2);

    private final Thread loop;
    private volatile boolean running = true;

    private WebhookDispatcher(DeliverWebhooksUseCase deliverWebhooks) {
        this.loop = Thread.ofVirtual().name("webhook-dispatcher").unstarted(() -> run(deliverWebhooks));
    }

    static WebhookDispatcher start(DeliverWebhooksUseCase deliverWebhooks) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(deliverWebhooks);
        dispatcher.loop.start();
        return dispatcher;
    }

    private void run(DeliverWebhooksUseCase deliverWebhooks) {
        while (running) {
            try {
                if (deliverWebhooks.deliverDue() == 0) {
                    Thread.sleep(IDLE_PAUSE);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be away for a while; the events wait in the outbox, nothing is lost.
                LOG.log(Level.WARNING, "webhook round failed: " + e.getMessage());
                if (!pause(TROUBLE_PAUSE)) {
                    return;
                }
            }
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

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
