package hub.gateway.adapter.persistence;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;

/**
 * The look-ups every request makes (API key, instance) are cached briefly. The contract lets a revoke or a
 * pause done on another node take up to one second to be seen, so entries live no longer than that.
 * "Not found" is cached too, which keeps a flood of junk keys away from the database.
 */
final class Caches {
    static final Duration MAX_STALENESS = Duration.ofMillis(900);
    private static final long MAX_ENTRIES = 100_000;

    private Caches() {
    }

    static <K, V> SharedLoads<K, V> shortLived() {
        return shortLived(Ticker.systemTicker());
    }

    /** On a ticker of the test's, so that "still cached" can be asserted without racing the clock. */
    static <K, V> SharedLoads<K, V> shortLived(Ticker ticker) {
        return expiringAfter(MAX_STALENESS, ticker);
    }

    static <K, V> SharedLoads<K, V> expiringAfter(Duration staleness) {
        return expiringAfter(staleness, Ticker.systemTicker());
    }

    /** Staleness counts from the end of a load: Caffeine dates an entry loaded asynchronously when it completes. */
    private static <K, V> SharedLoads<K, V> expiringAfter(Duration staleness, Ticker ticker) {
        return new SharedLoads<>(Caffeine.newBuilder()
                .expireAfterWrite(staleness)
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .buildAsync());
    }
}
