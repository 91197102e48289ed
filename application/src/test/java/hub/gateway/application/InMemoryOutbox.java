package hub.gateway.application;

import hub.gateway.application.port.out.Outbox;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.webhook.ClientEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outbox as a list: claims the oldest pending event of each instance that is due and not leased, with the
 * instance's webhook URL and secret as they are now. Times are kept to the microsecond, as PostgreSQL keeps them.
 */
final class InMemoryOutbox implements Outbox {
    static final class Row {
        final long id;
        final ClientEvent event;
        final Instant createdAt;
        String status = "pending";
        int attempts;
        Instant firstAttemptAt;
        Instant lastAttemptAt;
        Integer lastHttpStatus;
        String lastError;
        Instant nextAttemptAt;
        Instant leasedUntil = Instant.EPOCH;

        /** Due at once: when the change that emitted it was made. */
        Row(long id, ClientEvent event) {
            this.id = id;
            this.event = event;
            this.createdAt = micros(event.timestamp());
            this.nextAttemptAt = createdAt;
        }
    }

    final List<Row> rows = new ArrayList<>();
    private final Function<InstanceId, Optional<Instance>> instances;
    private final Function<InstanceId, String> webhookSecrets;

    InMemoryOutbox(Function<InstanceId, Optional<Instance>> instances, Function<InstanceId, String> webhookSecrets) {
        this.instances = instances;
        this.webhookSecrets = webhookSecrets;
    }

    /** An event of an instance that does not exist cannot be stored (PostgreSQL's foreign key). */
    synchronized void append(ClientEvent event) {
        if (instances.apply(event.instanceId()).isEmpty()) {
            throw new IllegalStateException("no instance " + event.instanceId());
        }
        rows.add(new Row(rows.size() + 1, event));
    }

    /** Rounded to the microsecond, as a timestamptz column keeps it. */
    static Instant micros(Instant at) {
        long micros = Math.round(at.getNano() / 1_000.0);
        return Instant.ofEpochSecond(at.getEpochSecond()).plusNanos(micros * 1_000);
    }

    @Override
    public synchronized List<PendingEvent> claimDue(Instant now, int max, Duration lease) {
        List<PendingEvent> claimed = new ArrayList<>();
        List<InstanceId> seen = new ArrayList<>();
        for (Row row : rows) {
            if (!row.status.equals("pending") || seen.contains(row.event.instanceId())) {
                continue;
            }
            seen.add(row.event.instanceId());
            if (!row.nextAttemptAt.isAfter(now) && !row.leasedUntil.isAfter(now) && claimed.size() < max) {
                row.leasedUntil = now.plus(lease);
                InstanceId instance = row.event.instanceId();
                claimed.add(new PendingEvent(row.id, "evt_" + row.id, row.event,
                        instances.apply(instance).flatMap(Instance::webhookUrl), webhookSecrets.apply(instance),
                        row.attempts, Optional.ofNullable(row.firstAttemptAt)));
            }
        }
        return claimed;
    }

    @Override
    public synchronized void delivered(long eventId, Instant at, int httpStatus) {
        Row row = rows.get((int) eventId - 1);
        attempt(row, at);
        row.status = "delivered";
        row.lastHttpStatus = httpStatus;
    }

    @Override
    public synchronized void failed(long eventId, Instant at, String error, Optional<Integer> httpStatus, Optional<Instant> next) {
        Row row = rows.get((int) eventId - 1);
        attempt(row, at);
        row.lastError = error;
        row.lastHttpStatus = httpStatus.orElse(null);
        row.leasedUntil = Instant.EPOCH;
        if (next.isPresent()) {
            row.nextAttemptAt = next.get();
        } else {
            row.status = "dead";
        }
    }

    private static void attempt(Row row, Instant at) {
        row.attempts++;
        row.lastAttemptAt = at;
        if (row.firstAttemptAt == null) {
            row.firstAttemptAt = at;
        }
    }

    @Override
    public synchronized List<EventDelivery> recent(InstanceId instanceId, int limit) {
        return rows.reversed().stream().filter(r -> r.event.instanceId().equals(instanceId)).limit(limit)
                .map(r -> new EventDelivery(r.id, "evt_" + r.id, r.event.type(), r.status, r.attempts,
                        Optional.ofNullable(r.lastAttemptAt), Optional.ofNullable(r.lastHttpStatus),
                        Optional.ofNullable(r.lastError), r.status.equals("pending") ? Optional.of(r.nextAttemptAt) : Optional.empty(),
                        r.createdAt))
                .toList();
    }

    @Override
    public synchronized Backlog backlog() {
        List<Row> pending = rows.stream().filter(r -> r.status.equals("pending")).toList();
        return new Backlog(pending.size(), pending.stream().map(r -> r.createdAt).min(Instant::compareTo));
    }

    @Override
    public synchronized boolean replay(InstanceId instanceId, long eventId, Instant now) {
        if (eventId < 1 || eventId > rows.size()) {
            return false;
        }
        Row row = rows.get((int) eventId - 1);
        if (!row.status.equals("dead") || !row.event.instanceId().equals(instanceId)) {
            return false;
        }
        // A fresh retry series, as PgOutbox's: the last attempt's details stay for the operator.
        row.status = "pending";
        row.nextAttemptAt = micros(now);
        row.leasedUntil = Instant.EPOCH;
        row.attempts = 0;
        row.firstAttemptAt = null;
        return true;
    }
}
