package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A database migrated by the previous release — V1 to V9 and its repeatable migrations, the 21-argument
 * reserve_quota among them (kept as released in test resources, previous-release/, as the fixture of this test
 * only) — with a send in flight: an accepted row, counted, linked to an Idempotency-Key claim still in progress.
 * A node of this version upgrades it in place: the retired function goes, the send gate takes over, and the
 * send in flight keeps its count, its claim and its give-back.
 */
class UpgradeFromPreviousReleaseTest {
    private static final Instant RESERVED_AT = Instant.parse("2025-03-01T09:00:10Z");
    private static final List<String> UNCHANGED = List.of("V1__gateway.sql", "V2__suppression_and_outbox.sql",
            "V3__risk.sql", "V4__transport_accounts_and_delivery_statuses.sql", "V5__idempotency_keys.sql",
            "V6__lean_send_path.sql", "V7__fingerprint_per_instance.sql", "V8__unknown_status.sql",
            "V9__retention.sql", "R__give_back_quota.sql", "R__sweep_limbo.sql");

    @TempDir
    Path previousRelease;

    @Test
    void aDatabaseOfThePreviousReleaseWithASendInFlightIsUpgradedInPlace() throws Exception {
        TestDb db = TestDb.fresh();
        for (String file : UNCHANGED) {
            copy("/db/migration/" + file, previousRelease.resolve(file));
        }
        copy("/previous-release/R__reserve_quota.sql", previousRelease.resolve("R__reserve_quota.sql"));
        Flyway.configure(PostgresPersistence.class.getClassLoader())
                .dataSource(db.url(), db.user(), db.password())
                .locations("filesystem:" + previousRelease)
                .load()
                .migrate();
        assertEquals(1, db.count("select count(*) from pg_proc where proname = 'reserve_quota' and pronargs = 21"));

        db.update("insert into account (id, name, time_zone) values ('acc_prev', 'Previous', 'UTC')");
        db.update("""
                insert into instance (id, account_id, name, plan, transport, webhook_secret, status, created_at,
                                      updated_at)
                values ('inst-prev', 'acc_prev', 'Support line', 'starter', 'sandbox', 'whsec_dGVzdA==', 'active',
                        ?, ?)
                """, utc(RESERVED_AT), utc(RESERVED_AT));
        db.update("""
                insert into idempotency_key (account_id, key, request_hash, state, created_at)
                values ('acc_prev', 'k-prev', 'h1', 'in_progress', ?)
                """, utc(RESERVED_AT));
        long inFlight = previousReleaseReserve(db);
        assertEquals(inFlight, db.count("select log_id from idempotency_key where key = 'k-prev'"));

        try (PostgresPersistence upgraded = db.connect(2)) {
            assertEquals(0, db.count("select count(*) from pg_proc where proname = 'reserve_quota'"),
                    "the retired signature is dropped by the repeatable migration's header");
            assertEquals(1, db.count("""
                    select count(*) from pg_proc
                     where proname = 'send_gate_reserve' and 'plan_cache_mode=force_generic_plan' = any (proconfig)
                    """));
            assertEquals(2, db.count("""
                    select count(*) from flyway_schema_history where description = 'reserve quota' and success
                    """), "applied as released, then re-applied by this version");

            AccountId account = new AccountId("acc_prev");
            InstanceId instance = new InstanceId("inst-prev");
            UsageWindows windows = UsageWindows.at(RESERVED_AT.plusSeconds(5), ZoneOffset.UTC);
            SendGate gate = upgraded.sendGate();
            assertEquals(new Usage(1, 1, 1), gate.usage(instance, windows), "the send in flight is still counted");
            assertEquals(new Claim.InProgress(), upgraded.idempotencyKeys().claim(account, "k-prev", "h1",
                    RESERVED_AT.plusSeconds(5)), "its claim still answers from its row");

            GateOutcome.Reserved next = assertInstanceOf(GateOutcome.Reserved.class, gate.reserve(
                    Fixtures.reservation(account, instance, new PhoneNumber("+966501234568"), MessagePurpose.SUPPORT,
                            new Limits(2, 100, 100), windows, Fixtures.blockingReasons(MessagePurpose.SUPPORT),
                            Fixtures.anyContent(), RiskAssessment.CLEAN)));
            assertNotNull(next);
            assertInstanceOf(GateOutcome.Exhausted.class, gate.reserve(
                    Fixtures.reservation(account, instance, new PhoneNumber("+966501234569"), MessagePurpose.SUPPORT,
                            new Limits(2, 100, 100), windows, Fixtures.blockingReasons(MessagePurpose.SUPPORT),
                            Fixtures.anyContent(), RiskAssessment.CLEAN)),
                    "the old row and the new one count in the same minute");

            gate.giveBack(inFlight, SendGate.GiveBack.DELIVERY_FAILED, RESERVED_AT.plusSeconds(6));
            assertEquals(new Usage(1, 1, 1), gate.usage(instance, windows));
            assertEquals(Optional.of("gateway_send_failed"),
                    upgraded.messageLog().find(account, inFlight).orElseThrow().error());
        }
    }

    /** A send as the previous release reserved it: the 21-argument function, with the request's key. */
    private static long previousReleaseReserve(TestDb db) throws SQLException {
        return db.count("""
                select log_id
                  from reserve_quota('inst-prev', 'acc_prev', '+966501234567', 'support', 20, 1000, 30000,
                                     cast(? as timestamptz), cast(? as date), cast(? as date), cast(? as timestamptz),
                                     array['blocked', 'recipient_requested_stop'], 42, 25, cast(? as timestamptz),
                                     0, 'allow', null, null, null, 'k-prev')
                """, utc(RESERVED_AT.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)),
                java.time.LocalDate.of(2025, 3, 1), java.time.LocalDate.of(2025, 3, 1), utc(RESERVED_AT),
                utc(RESERVED_AT.minusSeconds(3600)));
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = UpgradeFromPreviousReleaseTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Files.copy(in, target);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
