package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.AbandonedSends.Round;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.domain.account.AccountId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database in use at V7 (rows of every kind, one left 'accepted' by a crash, a claim in progress) is upgraded in
 * place by V8 and the repeatable migrations when a node of this version starts on it.
 */
class UpgradeFromV7Test {
    private static final Instant CRASHED_AT = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void aV7DatabaseIsUpgradedInPlaceAndItsLimboIsSwept() throws Exception {
        TestDb db = TestDb.fresh();
        Flyway.configure(PostgresPersistence.class.getClassLoader())
                .dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        assertEquals(0, db.count("select count(*) from flyway_schema_history where version = '8'"));

        long sent = insertLogRow(db, "sent");
        long limbo = insertLogRow(db, "accepted");
        insertLogRow(db, "refused");
        db.update("""
                insert into idempotency_key (account_id, key, request_hash, state, created_at)
                values ('acc_v7', 'k-v7', 'h1', 'in_progress', ?)
                """, OffsetDateTime.ofInstant(CRASHED_AT, ZoneOffset.UTC));

        try (PostgresPersistence upgraded = db.connect(2)) {
            assertEquals(1, db.count("select count(*) from flyway_schema_history where version = '8' and success"));
            assertEquals(5, db.count("select count(*) from flyway_schema_history where version is null and success"),
                    "the five repeatable migrations");
            assertEquals(limbo, db.count("select resolved_below from limbo_sweep"),
                    "the watermark starts at the oldest row left accepted");
            assertEquals(0, db.count("select count(*) from pg_proc where proname = 'reserve_quota'"),
                    "V7's signature is dropped, and so is every later one");
            assertEquals(1, db.count("""
                    select count(*) from pg_proc
                     where proname = 'send_gate_reserve'
                       and 'plan_cache_mode=force_generic_plan' = any (proconfig)
                    """), "the send gate keeps its plans, as V7's did");

            Instant now = CRASHED_AT.plusSeconds(3600);
            assertEquals(new Round(1, false), upgraded.abandonedSends().markUnknown(now.minusSeconds(10), now, 100));
            assertEquals(1, db.count("select count(*) from message_log where id = ? and status = 'unknown'", limbo));
            assertEquals(1, db.count("select count(*) from message_log where id = ? and status = 'sent'", sent));

            // A claim from before the upgrade has no linked row: abandoned after five minutes, as before.
            assertEquals(new Claim.Claimed(), upgraded.idempotencyKeys().claim(new AccountId("acc_v7"), "k-v7", "h1", now));
        }
    }

    private static long insertLogRow(TestDb db, String status) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             PreparedStatement insert = connection.prepareStatement("""
                     insert into message_log (account_id, instance_id, phone, message_purpose, status, created_at)
                     values ('acc_v7', 'inst-v7', '+966501234567', 'transactional', ?, ?)
                     returning id
                     """)) {
            insert.setString(1, status);
            insert.setObject(2, OffsetDateTime.ofInstant(CRASHED_AT, ZoneOffset.UTC));
            try (ResultSet id = insert.executeQuery()) {
                assertTrue(id.next());
                return id.getLong(1);
            }
        }
    }
}
