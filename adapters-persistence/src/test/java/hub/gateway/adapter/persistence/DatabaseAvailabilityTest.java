package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.application.port.out.StorageUnavailableException;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.StoppablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10 at the adapter: a PostgreSQL that really stops is found out once, then every call fails at once
 * without a pool wait, health says so, and a background probe brings the adapter back when the server returns.
 */
class DatabaseAvailabilityTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    /** The contract's bound for an answer while the database is away. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void aStoppedDatabaseIsFoundOutOnceThenCallsFailAtOnceUntilItIsBack() throws Exception {
        try (StoppablePostgres postgres = StoppablePostgres.startIn(dataDir);
             PostgresPersistence persistence = PostgresPersistence.connect(postgres.jdbcUrl(), postgres.user(), "", 4,
                     TestSecretKeys.keys())) {
            Fixtures fixtures = new Fixtures(persistence);
            Account account = fixtures.account(RIYADH);
            Instance instance = fixtures.instance(account);
            assertTrue(persistence.storageHealth().isReachable());

            postgres.stop();

            // Twenty requests at once, each missing the cache: each is answered within the bound, none in line
            // behind another's pool wait.
            List<CompletableFuture<Long>> took = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                InstanceId unknown = new InstanceId("inst-missing-" + i);
                took.add(CompletableFuture.supplyAsync(() -> millisToFail(() -> persistence.instances().find(unknown)),
                        runnable -> Thread.ofVirtual().start(runnable)));
            }
            for (CompletableFuture<Long> millis : took) {
                assertTrue(millis.get(30, TimeUnit.SECONDS) < ANSWER_BOUND.toMillis(), "failed after " + millis.get() + " ms");
            }
            assertFalse(persistence.storageHealth().isReachable());

            // Known down: no call waits for the pool any more. Fifty calls in a row would take fifty pool
            // time-outs (a second each) if they did.
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                InstanceId unknown = new InstanceId("inst-again-" + i);
                assertThrows(StorageUnavailableException.class, () -> persistence.instances().find(unknown));
            }
            long fiftyMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(fiftyMillis < ANSWER_BOUND.toMillis(), "fifty calls took " + fiftyMillis + " ms");

            postgres.start();
            Eventually.assertSeenWithin(RECOVERY_BOUND, () -> persistence.storageHealth().isReachable());
            assertEquals(instance, persistence.instances().find(instance.id()).orElseThrow());
        }
    }

    @Test
    void onlyAServerThatIsGoneCountsAsAnOutage() {
        assertTrue(StorageFailures.meansOutage(new RuntimeException(new SQLException("refused", "08001", new ConnectException()))));
        assertTrue(StorageFailures.meansOutage(new SQLException("terminating connection", "57P01")));
        assertTrue(StorageFailures.meansOutage(new SQLTransientConnectionException("timed out", "08001",
                new SQLException("refused", "08001"))));
        // Hikari's time-out when every connection was busy: no cause, no state. The pool is full, not the server gone.
        assertFalse(StorageFailures.meansOutage(new SQLTransientConnectionException("request timed out after 1000ms")));
        assertFalse(StorageFailures.meansOutage(new SQLException("too many connections", "53300")));
        assertFalse(StorageFailures.meansOutage(new SQLException("syntax error", "42601")));
    }

    private static long millisToFail(Runnable call) {
        long started = System.nanoTime();
        assertThrows(StorageUnavailableException.class, call::run);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
