package hub.gateway.application.service;

import hub.gateway.application.port.in.DeliverWebhooksUseCase;
import hub.gateway.application.port.in.ListWebhookDeliveriesUseCase;
import hub.gateway.application.port.in.ReplayWebhookEventUseCase;
import hub.gateway.application.port.out.ActivityMonitor;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.Outbox.PendingEvent;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.application.port.out.WebhookSender.WebhookRequest;
import hub.gateway.application.port.out.WebhookSender.WebhookResult;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.webhook.RetrySchedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Delivers client events at least once, in order per instance. Each round claims the due head event of
 * as many instances as it may, sends them in parallel (one per instance, so order holds), and records
 * every attempt; a failure is retried on the back-off schedule until it is given up as dead.
 */
final class WebhookDispatchService implements DeliverWebhooksUseCase, ListWebhookDeliveriesUseCase,
        ReplayWebhookEventUseCase {
    private static final System.Logger LOG = System.getLogger(WebhookDispatchService.class.getName());
    static final int BATCH = 32;
    /** Longer than the sender's 5-second limit, so a lease never runs out under a delivery in flight. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final WebhookSender sender;
    private final InstanceLookup instances;
    private final RetrySchedule schedule;
    private final ActivityMonitor activity;
    private final Clock clock;
    private final RandomGenerator random;
    private final OperatorAudit audit;

    WebhookDispatchService(Outbox outbox, WebhookSender sender, InstanceLookup instances, RetrySchedule schedule,
                           ActivityMonitor activity, Clock clock, RandomGenerator random, OperatorAudit audit) {
        this.activity = activity;
        this.outbox = outbox;
        this.sender = sender;
        this.instances = instances;
        this.schedule = schedule;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
    }

    @Override
    public int deliverDue() {
        List<PendingEvent> due = outbox.claimDue(clock.instant(), BATCH, LEASE);
        if (due.isEmpty()) {
            return 0;
        }
        try (ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (PendingEvent event : due) {
                running.add(deliveries.submit(() -> deliver(event)));
            }
            for (Future<?> delivery : running) {
                await(delivery);
            }
        }
        return due.size();
    }

    private void deliver(PendingEvent pending) {
        Instant attemptAt = clock.instant();
        if (pending.webhookUrl().isEmpty()) {
            recordFailure(pending, attemptAt, "the instance has no webhook_url", Optional.empty());
            return;
        }
        WebhookResult result = sender.send(new WebhookRequest(pending.webhookUrl().get(), pending.webhookSecret(),
                pending.webhookId(), attemptAt, pending.event()));
        switch (result) {
            case WebhookResult.Accepted accepted -> {
                outbox.delivered(pending.eventId(), clock.instant(), accepted.httpStatus());
                activity.webhookAttempted(ActivityMonitor.WebhookAttempt.DELIVERED);
            }
            case WebhookResult.Rejected rejected ->
                    recordFailure(pending, attemptAt, "HTTP " + rejected.httpStatus(), Optional.of(rejected.httpStatus()));
            case WebhookResult.Failed failed -> recordFailure(pending, attemptAt, failed.reason(), Optional.empty());
        }
    }

    private void recordFailure(PendingEvent pending, Instant attemptAt, String error, Optional<Integer> httpStatus) {
        Instant firstAttempt = pending.firstAttemptAt().orElse(attemptAt);
        Optional<Instant> next = schedule.next(pending.attempts() + 1, firstAttempt, clock.instant(), random);
        if (next.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "webhook event " + pending.webhookId() + " is dead after "
                    + (pending.attempts() + 1) + " attempts: " + error);
        }
        outbox.failed(pending.eventId(), attemptAt, error, httpStatus, next);
        activity.webhookAttempted(next.isPresent() ? ActivityMonitor.WebhookAttempt.RETRIED : ActivityMonitor.WebhookAttempt.DEAD);
    }

    @Override
    public Optional<List<WebhookDelivery>> list(String instanceId, int limit) {
        return instances.find(Optional.empty(), instanceId).map(i -> outbox.recent(i.id(), limit).stream()
                .map(d -> new WebhookDelivery(d.eventId(), d.webhookId(), d.type(), d.status(), d.attempts(),
                        d.lastAttemptAt(), d.lastHttpStatus(), d.lastError(), d.nextAttemptAt(), d.createdAt()))
                .toList());
    }

    @Override
    public boolean replay(String instanceId, long eventId, Operator by) {
        boolean replayed = instances.find(Optional.empty(), instanceId)
                .map(i -> outbox.replay(i.id(), eventId, clock.instant()))
                .orElse(false);
        if (replayed) {
            // Right after the replay (see AdminService for the trade-off); the target is instance/event.
            audit.append(AuditEntry.of(by, AuditAction.WEBHOOK_REPLAY, instanceId + "/" + eventId, clock.instant()));
        }
        return replayed;
    }

    private static void await(Future<?> delivery) {
        try {
            delivery.get();
        } catch (ExecutionException e) {
            // One broken delivery must not stop the others; its lease runs out and it is tried again.
            LOG.log(System.Logger.Level.ERROR, "webhook delivery failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
