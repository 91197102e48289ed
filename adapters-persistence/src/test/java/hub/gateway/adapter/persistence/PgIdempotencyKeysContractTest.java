package hub.gateway.adapter.persistence;

import hub.gateway.application.contract.IdempotencyKeysContract;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The IdempotencyKeys port's contract against PostgreSQL (the claim linked by send_gate_reserve), and what only a
 * shared database shows: one winner under load on two nodes.
 */
class PgIdempotencyKeysContractTest extends IdempotencyKeysContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected Subject subject() {
        return new PgContractSubject(database);
    }

    @Test
    void twentyParallelClaimsOnTwoNodesHaveExactlyOneWinner() throws Exception {
        TestDb db = TestDb.fresh();
        int claims = 20;
        try (PostgresPersistence nodeA = db.connect(10);
             PostgresPersistence nodeB = db.connect(10);
             ExecutorService threads = Executors.newFixedThreadPool(claims)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> results = new ArrayList<>();
            for (int i = 0; i < claims; i++) {
                IdempotencyKeys node = (i % 2 == 0 ? nodeA : nodeB).idempotencyKeys();
                results.add(threads.submit(() -> {
                    start.await();
                    return node.claim(account, key, "h1", NOW);
                }));
            }
            start.countDown();
            int claimed = 0;
            for (Future<Claim> result : results) {
                Claim claim = result.get();
                if (claim instanceof Claim.Claimed) {
                    claimed++;
                } else {
                    assertEquals(new Claim.InProgress(), claim);
                }
            }
            assertEquals(1, claimed);
        }
    }
}
