package hub.gateway.application;

import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.domain.AccountId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The IdempotencyKeys port in memory, with the same 24-hour and 5-minute rules as the SQL. */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {
    private record Entry(String requestHash, Instant createdAt, Optional<Integer> status, String body) {
    }

    private record Id(AccountId accountId, String key) {
    }

    private final Map<Id, Entry> entries = new HashMap<>();

    @Override
    public synchronized Claim claim(AccountId accountId, String key, String requestHash, Instant now) {
        Id id = new Id(accountId, key);
        Entry existing = entries.get(id);
        boolean expired = existing != null && (!existing.createdAt().isAfter(now.minus(RETAINED))
                || existing.status().isEmpty() && !existing.createdAt().isAfter(now.minus(ABANDONED_AFTER)));
        if (existing == null || expired) {
            entries.put(id, new Entry(requestHash, now, Optional.empty(), null));
            return new Claim.Claimed();
        }
        if (!existing.requestHash().equals(requestHash)) {
            return new Claim.Reused();
        }
        return existing.status().<Claim>map(status -> new Claim.Replay(status, existing.body()))
                .orElseGet(Claim.InProgress::new);
    }

    @Override
    public synchronized void remember(AccountId accountId, String key, int status, String body) {
        entries.computeIfPresent(new Id(accountId, key),
                (id, e) -> new Entry(e.requestHash(), e.createdAt(), Optional.of(status), body));
    }

    @Override
    public synchronized void release(AccountId accountId, String key) {
        entries.computeIfPresent(new Id(accountId, key), (id, e) -> e.status().isPresent() ? e : null);
    }
}
