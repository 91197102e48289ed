package hub.gateway.adapter.persistence;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.webhook.ClientEvent.InstancePausedForReview;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedIn;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedOut;
import hub.gateway.domain.webhook.ClientEvent;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A client event as the outbox stores it: its type in {@code event_type}, its own fields in the jsonb
 * {@code payload}, built and read in SQL (its signals, a JSON array, by {@link StoredSignals}). Both directions switch
 * over the event type, so a new kind of event fails to compile (writing) or to load (reading) until it is
 * mapped here. A field an event does not have is null and left out of the payload.
 *
 * <p>The timestamp is kept as Java's ISO-8601 text, not a jsonb timestamp, so it comes back to the
 * nanosecond and the webhook carries exactly the instant the event was made with.
 */
record StoredEvent(String instanceId, String type, String instanceName, String from, String messageText,
                   String timestamp, Integer riskScore, StoredSignals signals, String cause, String note) {
    private static final String BOUND_NAME = "cast(? as text)";
    private static final StoredSignals NO_SIGNALS = StoredSignals.NONE;

    /**
     * An insert of the event, for a data-modifying CTE: it runs only when the CTE {@code change} returned a
     * row and an event was given (a null type means none), so a change and its event are one statement and
     * one transaction. Parameters: {@link #insertParameters(Optional)}.
     *
     * <p>The per-instance advisory lock, taken
     * before the row draws its id and held to commit, makes an instance's event ids commit in order, so
     * the dispatcher (oldest pending first) can never see a later event before an earlier one.
     */
    static String insertIfChanged(String change) {
        return insertIfChanged(change, BOUND_NAME);
    }

    /**
     * As {@link #insertIfChanged(String)}, with the instance name taken from an SQL expression (e.g. the
     * changed instance row's) instead of a parameter; the parameters are then
     * {@link #insertParametersWithoutName()}.
     */
    static String insertIfChanged(String change, String instanceNameSql) {
        return """
                insert into client_event (instance_id, event_type, payload, next_attempt_at, created_at)
                select ev.*
                  from (select cast(? as text), cast(? as text), %s,
                               cast(? as timestamptz), cast(? as timestamptz))
                       as ev (instance_id, event_type, payload, next_attempt_at, created_at)
                 where ev.event_type is not null and exists (select 1 from %s)
                   and exists (select pg_advisory_xact_lock(hashtext(ev.instance_id)))"""
                .formatted(payloadSql(instanceNameSql), change);
    }

    /** Reads the payload back as columns, for {@link #read}; {@code table} is the event table's alias. */
    static String payloadColumns(String table) {
        return """
                %1$s.instance_id, %1$s.event_type, %1$s.payload ->> 'instance_name' as instance_name,
                %1$s.payload ->> 'from' as event_from, %1$s.payload ->> 'message_text' as message_text,
                %1$s.payload ->> 'timestamp' as event_timestamp,
                cast(%1$s.payload ->> 'risk_score' as integer) as risk_score,
                %1$s.payload ->> 'cause' as pause_cause, %1$s.payload ->> 'note' as pause_note, %2$s"""
                .formatted(table, StoredSignals.columns(table + ".payload -> 'signals'"));
    }

    static StoredEvent of(ClientEvent event) {
        return switch (event) {
            case RecipientOptedOut e -> new StoredEvent(e.instanceId().value(), e.type(), e.instanceName(),
                    e.from().e164(), e.messageText(), e.timestamp().toString(), null, NO_SIGNALS, null, null);
            case RecipientOptedIn e -> new StoredEvent(e.instanceId().value(), e.type(), e.instanceName(),
                    e.from().e164(), e.messageText(), e.timestamp().toString(), null, NO_SIGNALS, null, null);
            case InstancePausedForReview e -> new StoredEvent(e.instanceId().value(), e.type(), e.instanceName(),
                    null, null, e.timestamp().toString(), e.riskScore(), StoredSignals.of(e.signals()),
                    e.cause().wireName(), e.note().orElse(null));
        };
    }

    static ClientEvent read(DbRow row) {
        InstanceId instanceId = new InstanceId(Columns.string(row, "instance_id"));
        String type = Columns.string(row, "event_type");
        String instanceName = Columns.string(row, "instance_name");
        Instant timestamp = Instant.parse(Columns.string(row, "event_timestamp"));
        return switch (type) {
            case RecipientOptedOut.TYPE -> new RecipientOptedOut(instanceId, instanceName, from(row),
                    messageText(row), timestamp);
            case RecipientOptedIn.TYPE -> new RecipientOptedIn(instanceId, instanceName, from(row),
                    messageText(row), timestamp);
            case InstancePausedForReview.TYPE -> pausedForReview(row, instanceId, instanceName, timestamp);
            default -> throw new IllegalStateException("the outbox holds an event of an unknown type: " + type);
        };
    }

    /**
     * The parameters of {@link #insertIfChanged(String)}: instance id, type, the payload's ten, next
     * attempt and creation time (both the event's own time: it is due at once). All null when there is no
     * event.
     */
    static Object[] insertParameters(Optional<ClientEvent> event) {
        return event.map(StoredEvent::of).map(StoredEvent::insertParameters)
                .orElseGet(() -> new Object[12]);
    }

    Object[] insertParameters() {
        Object at = Columns.utc(Instant.parse(timestamp));
        return new Object[] {instanceId, type, instanceName, from, messageText, timestamp, riskScore,
                signals.json(), cause, note, at, at};
    }

    /** As {@link #insertParametersWithoutName()}, all null when there is no event. */
    static Object[] insertParametersWithoutName(Optional<ClientEvent> event) {
        return event.map(StoredEvent::of).map(StoredEvent::insertParametersWithoutName)
                .orElseGet(() -> new Object[11]);
    }

    /** The parameters of {@link #insertIfChanged(String, String)}: as {@link #insertParameters()}, no name. */
    Object[] insertParametersWithoutName() {
        Object at = Columns.utc(Instant.parse(timestamp));
        return new Object[] {instanceId, type, from, messageText, timestamp, riskScore, signals.json(), cause, note,
                at, at};
    }

    /** jsonb_strip_nulls drops what an event does not have; a signal's own fields are never null. */
    private static String payloadSql(String instanceNameSql) {
        return """
                jsonb_strip_nulls(jsonb_build_object('instance_name', %s, 'from', cast(? as text),
                                                     'message_text', cast(? as text), 'timestamp', cast(? as text),
                                                     'risk_score', cast(? as integer), 'signals', %s,
                                                     'cause', cast(? as text), 'note', cast(? as text)))"""
                .formatted(instanceNameSql, StoredSignals.JSONB_SQL);
    }

    /** A pause stored before events carried their cause (V11) was the rules': its cause is read from its signals. */
    private static InstancePausedForReview pausedForReview(DbRow row, InstanceId instanceId, String instanceName,
                                                           Instant timestamp) {
        List<RiskSignal> signals = signals(row);
        PauseCause cause = Columns.optionalString(row, "pause_cause").flatMap(PauseCause::fromWireName)
                .orElseGet(() -> PauseCause.ofRules(signals));
        return new InstancePausedForReview(instanceId, instanceName, Columns.intValue(row, "risk_score"), signals,
                timestamp, cause, Columns.optionalString(row, "pause_note"));
    }

    private static PhoneNumber from(DbRow row) {
        return new PhoneNumber(Columns.string(row, "event_from"));
    }

    private static String messageText(DbRow row) {
        return Columns.string(row, "message_text");
    }

    private static List<RiskSignal> signals(DbRow row) {
        return StoredSignals.read(row);
    }
}
