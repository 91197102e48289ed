package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.application.port.out.StorageUnavailableException;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readiness and failure: answers come within seconds, and an unreachable database is told apart from a bug. */
class StorageHealthTest {
    private static final Duration NEVER_HANGS = Duration.ofSeconds(5);

    @Test
    void aLiveDatabaseIsReachable() {
        try (PostgresPersistence persistence = Fixtures.freshPersistence()) {
            assertTrue(persistence.storageHealth().isReachable());
        }
    }

    @Test
    void afterCloseHealthIsFalseAndPortsSayUnavailable() {
        PostgresPersistence persistence = Fixtures.freshPersistence();
        persistence.close();

        assertTimeoutPreemptively(NEVER_HANGS, () -> {
            assertFalse(persistence.storageHealth().isReachable());
            assertThrows(StorageUnavailableException.class,
                    () -> persistence.accounts().find(new AccountId("acc_x")));
            assertThrows(StorageUnavailableException.class,
                    () -> persistence.instances().find(new InstanceId("line-x")));
        });
    }

    @Test
    void connectingToNothingFailsFast() {
        assertTimeoutPreemptively(NEVER_HANGS, () -> {
            assertThrows(StorageUnavailableException.class,
                    () -> PostgresPersistence.connect("jdbc:postgresql://127.0.0.1:1/x", "postgres", "", 2, TestSecretKeys.keys()));
        });
    }
}
