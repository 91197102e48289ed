package hub.gateway.bootstrap;

import hub.gateway.bootstrap.DatabaseOutageTest.MetaLine;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10, "never a send the client did not wait for": a reservation held up past the request's deadline
 * (here by a test trigger that slows the reservation's write, as a slow database would) is never handed to
 * the transport, its quota goes back, and its row says why.
 */
class RequestDeadlineEndToEndTest {
    private static final Duration DEADLINE = Duration.ofMillis(1_000);
    private static String database;
    private static FakeCloudApi cloud;
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void start() {
        database = TestDatabase.shared().createDatabase();
        cloud = new FakeCloudApi();
        slowReservationsFor(database);
        gateway = GatewayUnderTest.on(database, Map.of(
                "GATEWAY_REQUEST_DEADLINE_MS", String.valueOf(DEADLINE.toMillis()),
                "GATEWAY_META_GRAPH_URL", cloud.url(),
                "GATEWAY_META_APP_SECRET", "deadline-app-secret",
                "GATEWAY_META_VERIFY_TOKEN", "deadline-verify-token"));
    }

    /**
     * Test-only: a reservation for a phone listed in test_slow_phone writes its log row a deadline and a half late
     * (created after the gateway's migrations would be, on the test's own database; the trigger fires inside
     * reserve_quota's one statement).
     */
    private static void slowReservationsFor(String database) {
        try (GatewayUnderTest migrating = GatewayUnderTest.on(database);
             Connection sql = connect();
             Statement ddl = sql.createStatement()) {
            ddl.execute("create table test_slow_phone (phone text primary key)");
            ddl.execute("""
                    create function test_slow_reservation() returns trigger language plpgsql as $$
                    begin
                        if exists (select 1 from test_slow_phone where phone = new.phone) then
                            perform pg_sleep(%s);
                        end if;
                        return new;
                    end $$""".formatted(DEADLINE.toMillis() * 1.5 / 1000.0));
            ddl.execute("""
                    create trigger test_slow_reservation before insert on message_log
                    for each row execute function test_slow_reservation()""");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
    }

    @Test
    void aReservationCompletingAfterItsDeadlineIsNotSentAndItsQuotaGoesBack() throws Exception {
        MetaLine line = DatabaseOutageTest.metaLine(gateway, "2099001");
        assertEquals(200, gateway.send(line.apiKey(), line.body(1, 1)).status());
        int receivedBefore = cloud.requests().size();

        Response late = sendHeldPastTheDeadline(line, line.body(1, 2), Map.of());

        SendMessageEndToEndTest.assertShape(late, 503, "service_unavailable");
        assertTrue(late.header("Retry-After").isPresent());
        assertEquals(receivedBefore, cloud.requests().size(), "the late send never reached the transport");
        try (Connection sql = connect();
             PreparedStatement quota = sql.prepareStatement(
                     "select minute_used, day_used, month_used from instance_quota where instance_id = ?");
             PreparedStatement newest = sql.prepareStatement("""
                     select m.status, m.error, (select count(*) from message_status s where s.log_id = m.id) as history
                       from message_log m where m.instance_id = ? order by m.id desc limit 1
                     """)) {
            quota.setString(1, line.instanceId());
            try (ResultSet row = quota.executeQuery()) {
                assertTrue(row.next());
                assertEquals(1, row.getInt("minute_used"), "only the first send counts");
                assertEquals(1, row.getInt("day_used"));
                assertEquals(1, row.getInt("month_used"));
            }
            newest.setString(1, line.instanceId());
            try (ResultSet row = newest.executeQuery()) {
                assertTrue(row.next());
                assertEquals("refused", row.getString("status"));
                assertEquals("service_unavailable", row.getString("error"));
                assertEquals(0, row.getInt("history"), "no 'failed' entry: a deadline is not a delivery failure");
            }
        }
        Response usage = gateway.get(line.apiKey(), "/api/usage?instance_id=" + line.instanceId());
        assertEquals(200, usage.status(), usage.body());
        assertEquals(1, usage.json().getJsonObject("daily").getInt("used"), usage.body());
        // The minute is checked on the stored counter above: the API's figure starts again at zero when the clock
        // passes a minute between the send and this read.
    }

    /** Nothing was sent, so the key is free again: the retry sends, once. */
    @Test
    void anIdempotentSendPastItsDeadlineLeavesItsKeyForARetry() throws Exception {
        MetaLine line = DatabaseOutageTest.metaLine(gateway, "2099002");
        assertEquals(200, gateway.send(line.apiKey(), line.body(2, 1)).status());
        int receivedBefore = cloud.requests().size();
        Map<String, String> key = Map.of("Idempotency-Key", "deadline-key-1");

        Response late = sendHeldPastTheDeadline(line, line.body(2, 2), key);
        SendMessageEndToEndTest.assertShape(late, 503, "service_unavailable");
        assertEquals(receivedBefore, cloud.requests().size());

        Response retried = send(line, line.body(2, 2), key);
        assertEquals(200, retried.status(), retried.body());
        Response replayed = send(line, line.body(2, 2), key);
        assertEquals(retried.body(), replayed.body());
        assertEquals(receivedBefore + 1, cloud.requests().size(), "sent once, by the retry");
    }

    /**
     * Sends while the test's trigger makes the reservation's insert of the log row take longer than the deadline
     * (as a slow database would): the reservation completes after the deadline, whatever the machine's pace.
     */
    private static Response sendHeldPastTheDeadline(MetaLine line, String body, Map<String, String> headers)
            throws SQLException {
        String phone = phoneIn(body);
        try (Connection sql = connect();
             PreparedStatement slow = sql.prepareStatement("insert into test_slow_phone (phone) values (?)");
             PreparedStatement fast = sql.prepareStatement("delete from test_slow_phone where phone = ?")) {
            slow.setString(1, phone);
            slow.executeUpdate();
            try {
                return send(line, body, headers);
            } finally {
                fast.setString(1, phone);
                fast.executeUpdate();
            }
        }
    }

    private static String phoneIn(String body) {
        int at = body.indexOf("\"phone\": \"") + "\"phone\": \"".length();
        return body.substring(at, body.indexOf('"', at));
    }

    private static Response send(MetaLine line, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Authorization", "Bearer " + line.apiKey());
        headers.put("Content-Type", "application/json");
        return gateway.call("POST", "/api/send-message", body, headers);
    }

    private static Connection connect() throws SQLException {
        TestDatabase db = TestDatabase.shared();
        return DriverManager.getConnection(database, db.user(), db.password());
    }
}
