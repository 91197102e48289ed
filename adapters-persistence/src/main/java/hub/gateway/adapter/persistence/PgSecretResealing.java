package hub.gateway.adapter.persistence;

import io.helidon.dbclient.DbRow;

import java.util.List;
import java.util.stream.Stream;

/**
 * At every start, seals under the current key each stored transport secret that is not yet: those sealed under the
 * previous key (a key rotation) and those still in plain text (written before sealing existed, or by an older
 * node during an upgrade).
 *
 * <p>In batches along the primary key, so that a large table is never read at once. Idempotent and safe with several
 * nodes starting at once: each row is replaced only if it still holds the value read (compare and set), so a row
 * another node sealed meanwhile is left as that node sealed it. A value that cannot be opened is reported (once,
 * by {@link SecretSealer#openOrReport}) and left as it is: a key given later may still open it.
 */
final class PgSecretResealing {
    private static final int BATCH = 200;

    /** One column that holds sealed secrets, with its whole statements; a new secret column adds one. */
    private enum SealedColumn {
        INSTANCE_ACCESS_TOKEN(PgInstances.ACCESS_TOKEN, """
                select id, access_token as stored
                  from instance
                 where access_token is not null
                   and not starts_with(access_token, :current_prefix)
                   and id > :after
                 order by id
                 limit :limit
                """, """
                update instance set access_token = :sealed where id = :id and access_token = :stored
                """),
        INSTANCE_WAHA_API_KEY(PgInstances.WAHA_API_KEY, """
                select id, waha_api_key as stored
                  from instance
                 where waha_api_key is not null
                   and not starts_with(waha_api_key, :current_prefix)
                   and id > :after
                 order by id
                 limit :limit
                """, """
                update instance set waha_api_key = :sealed where id = :id and waha_api_key = :stored
                """),
        INSTANCE_WAHA_WEBHOOK_KEY(PgInstances.WAHA_WEBHOOK_KEY, """
                select id, waha_webhook_key as stored
                  from instance
                 where waha_webhook_key is not null
                   and not starts_with(waha_webhook_key, :current_prefix)
                   and id > :after
                 order by id
                 limit :limit
                """, """
                update instance set waha_webhook_key = :sealed where id = :id and waha_webhook_key = :stored
                """);

        private final String name;
        private final String unsealed;
        private final String replace;

        SealedColumn(String name, String unsealed, String replace) {
            this.name = name;
            this.unsealed = unsealed;
            this.replace = replace;
        }
    }

    record Outcome(long resealed, long unreadable) {
    }

    private final Database db;
    private final SecretSealer sealer;

    PgSecretResealing(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    Outcome resealAll() {
        long resealed = 0;
        long unreadable = 0;
        for (SealedColumn column : SealedColumn.values()) {
            String after = "";
            List<Unsealed> batch;
            do {
                batch = unsealed(column, after);
                for (Unsealed row : batch) {
                    var secret = sealer.openOrReport(row.stored(), column.name, row.id());
                    if (secret.isEmpty()) {
                        unreadable++;
                    } else if (replace(column, row, sealer.seal(secret.get(), SecretSealer.place(column.name, row.id())))) {
                        resealed++;
                    }
                    after = row.id();
                }
            } while (batch.size() == BATCH);
        }
        return new Outcome(resealed, unreadable);
    }

    private List<Unsealed> unsealed(SealedColumn column, String after) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery(column.unsealed)
                    .addParam("current_prefix", sealer.currentPrefix())
                    .addParam("after", after)
                    .addParam("limit", BATCH)
                    .execute()) {
                return rows.map(row -> new Unsealed(Columns.string(row, "id"), Columns.string(row, "stored"))).toList();
            }
        });
    }

    private boolean replace(SealedColumn column, Unsealed row, String sealed) {
        return db.call(exec -> exec.createUpdate(column.replace)
                .addParam("sealed", sealed)
                .addParam("id", row.id())
                .addParam("stored", row.stored())
                .execute()) == 1;
    }

    private record Unsealed(String id, String stored) {
        @Override
        public String toString() {
            return "Unsealed[id=" + id + "]";
        }
    }
}
