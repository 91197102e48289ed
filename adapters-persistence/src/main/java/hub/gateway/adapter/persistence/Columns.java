package hub.gateway.adapter.persistence;

import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Reads columns by what the PostgreSQL driver returns from getObject (Timestamp for timestamptz, Date for
 * date), instead of relying on DbClient's mappers, and writes instants as UTC OffsetDateTime, which the
 * driver binds as timestamptz.
 */
final class Columns {
    private Columns() {
    }

    static String string(DbRow row, String column) {
        return row.column(column).get(String.class);
    }

    static Optional<String> optionalString(DbRow row, String column) {
        return Optional.ofNullable(row.column(column).get(String.class));
    }

    static long longValue(DbRow row, String column) {
        return ((Number) value(row, column)).longValue();
    }

    static int intValue(DbRow row, String column) {
        return ((Number) value(row, column)).intValue();
    }

    static Optional<Integer> optionalInt(DbRow row, String column) {
        return Optional.ofNullable(value(row, column)).map(v -> ((Number) v).intValue());
    }

    static Instant instant(DbRow row, String column) {
        return toInstant(value(row, column));
    }

    static Optional<Instant> optionalInstant(DbRow row, String column) {
        return Optional.ofNullable(value(row, column)).map(Columns::toInstant);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Object value(DbRow row, String column) {
        return row.column(column).get(Object.class);
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case java.sql.Timestamp t -> t.toInstant();
            case OffsetDateTime t -> t.toInstant();
            case Instant t -> t;
            default -> throw new IllegalStateException("not a timestamp column: " + value.getClass().getName());
        };
    }
}
