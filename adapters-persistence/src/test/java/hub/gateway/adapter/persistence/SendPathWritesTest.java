package hub.gateway.adapter.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The send path's database cost, as V6 and V7 shape it: marking a log row sent (and a later delivery status)
 * is a HOT update, which adds no index entry — it stays one only while no index of message_log names a column
 * those updates change —, and the send gate's function keeps its statements' plans instead of re-planning them per call.
 */
class SendPathWritesTest {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void noIndexOfTheMessageLogNamesAColumnThatMarkingARowChanges() throws SQLException {
        long offending = database.jdbc().count("""
                select count(*) from pg_indexes
                 where tablename = 'message_log'
                   and (indexdef ~ '\\mstatus\\M' or indexdef ~ '\\mmessage_id\\M' or indexdef ~ '\\merror\\M'
                        or indexdef ~ '\\mcounted_')
                """);
        assertEquals(0, offending);
    }

    @Test
    void markingARowSentAndDeliveredAreHeapOnlyUpdates() throws SQLException {
        var jdbc = database.jdbc();
        try (Connection connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("""
                    insert into message_log (account_id, instance_id, phone, message_purpose, status,
                                             counted_minute, counted_day, counted_month, created_at, content_hash)
                    values ('acc', 'inst', '+966501234567', 'transactional', 'accepted', now(), current_date,
                            current_date, now(), 42)
                    """);
            statement.execute("update message_log set status = 'sent', message_id = 'wamid.1' where instance_id = 'inst'");
            statement.execute("update message_log set status = 'failed', error = '131026' where instance_id = 'inst'");
            try (ResultSet hot = statement.executeQuery(
                    "select pg_stat_get_xact_tuples_hot_updated('message_log'::regclass)")) {
                hot.next();
                assertEquals(2, hot.getLong(1), "both updates stayed on the row's page without new index entries");
            }
            connection.rollback();
        }
    }

    @Test
    void theQuotaStatementKeepsItsPlans() throws SQLException {
        long keeping = database.jdbc().count("""
                select count(*) from pg_proc
                 where proname = 'send_gate_reserve' and 'plan_cache_mode=force_generic_plan' = any (proconfig)
                """);
        assertEquals(1, keeping, "re-planned on every call, the duplicate probe cost more than itself (V7)");
    }
}
