package hub.gateway.application;

import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.MessageRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The IdempotencyKeys port in memory, with the same rules as the SQL: 24 hours, and a claim in progress judged by
 * the log row its request reserved ({@link #link}, called by the in-memory reservation), else abandoned after
 * five minutes. Guarded by the monitor of the ports that own the log, so that a reservation and a claim see one
 * state.
 */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {
    private record Entry(String requestHash, Instant createdAt, Optional<Integer> status, Map<String, String> headers,
                         String body, Optional<Long> logId) {
        Entry answered(int status, Map<String, String> headers, String body) {
            return new Entry(requestHash, createdAt, Optional.of(status), new java.util.LinkedHashMap<>(headers), body, logId);
        }

        Entry linked(long logId) {
            return new Entry(requestHash, createdAt, status, headers, body, Optional.of(logId));
        }
    }

    private record Id(AccountId accountId, String key) {
    }

    private final Map<Id, Entry> entries = new HashMap<>();
    private final Object monitor;
    private final LongFunction<Optional<MessageRecord>> log;

    InMemoryIdempotencyKeys(Object monitor, LongFunction<Optional<MessageRecord>> log) {
        this.monitor = monitor;
        this.log = log;
    }

    @Override
    public Claim claim(AccountId accountId, String key, String requestHash, Instant now) {
        synchronized (monitor) {
            Id id = new Id(accountId, key);
            Entry existing = entries.get(id);
            Optional<MessageRecord> linked = existing == null ? Optional.empty() : existing.logId().flatMap(log::apply);
            boolean expired = existing != null && (!existing.createdAt().isAfter(now.minus(RETAINED))
                    || existing.status().isEmpty() && !existing.createdAt().isAfter(now.minus(ABANDONED_AFTER))
                    && linked.map(r -> r.status().equals("refused")).orElse(true));
            if (existing == null || expired) {
                entries.put(id, new Entry(requestHash, now, Optional.empty(), Map.of(), null, Optional.empty()));
                return new Claim.Claimed();
            }
            if (!existing.requestHash().equals(requestHash)) {
                return new Claim.Reused();
            }
            if (existing.status().isPresent()) {
                return new Claim.Replay(existing.status().get(), existing.headers(), existing.body());
            }
            if (linked.isEmpty()) {
                return new Claim.InProgress();
            }
            MessageRecord row = linked.get();
            if (row.messageId().isPresent()) {
                return new Claim.AlreadySent(row.logId(), row.messageId().get());
            }
            return switch (row.status()) {
                case "failed" -> new Claim.AlreadyFailed(row.logId());
                case "unknown" -> new Claim.OutcomeUnknown(row.logId());
                default -> new Claim.InProgress();
            };
        }
    }

    @Override
    public void remember(AccountId accountId, String key, int status, Map<String, String> headers, String body) {
        synchronized (monitor) {
            entries.computeIfPresent(new Id(accountId, key),
                    (id, e) -> e.status().isEmpty() ? e.answered(status, headers, body) : e);
        }
    }

    @Override
    public void release(AccountId accountId, String key) {
        synchronized (monitor) {
            entries.computeIfPresent(new Id(accountId, key),
                    (id, e) -> e.status().isPresent() || e.logId().flatMap(log::apply).filter(this::mayHaveGoneOut).isPresent()
                            ? e : null);
        }
    }

    /** What reserve_quota does in the reservation's statement: a claim in progress learns its send's row. */
    void link(AccountId accountId, String key, long logId) {
        synchronized (monitor) {
            entries.computeIfPresent(new Id(accountId, key),
                    (id, e) -> e.status().isEmpty() && e.logId().isEmpty() ? e.linked(logId) : e);
        }
    }

    private boolean mayHaveGoneOut(MessageRecord row) {
        return row.messageId().isPresent() || !(row.status().equals("refused") || row.status().equals("failed"));
    }
}
