package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Instances;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.webhook.ClientEvent;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.account.WahaAccount;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import io.helidon.dbclient.DbRow;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Uncached; {@link CachingInstances} sits in front of it. The access token and the WAHA keys are sealed on its way in and opened on its
 * way out ({@link SecretSealer}), so the application sees it plain and the database never does.
 */
final class PgInstances implements Instances {
    /** The sealed column's place in the sealer's associated data. */
    static final String ACCESS_TOKEN = "instance.access_token";
    static final String WAHA_API_KEY = "instance.waha_api_key";
    static final String WAHA_WEBHOOK_KEY = "instance.waha_webhook_key";

    private static final String COLUMNS = """
            select i.id, i.account_id, i.name, i.plan, i.transport, i.phone_number_id, i.access_token, i.waba_id, i.webhook_url,
                   i.waha_url, i.waha_session, i.waha_api_key, i.waha_webhook_key,
                   i.daily_limit, i.monthly_limit, i.per_minute_limit, i.status, i.created_at, a.time_zone
              from instance i join account a on a.id = i.account_id
            """;

    private static final String STATUS_CHANGE = """
            with changed as (
                update instance set status = ?, updated_at = cast(? as timestamptz), status_changed_at = now()
                 where id = ? and status <> ?
                returning id, name),
            evented as (
            %s),
            audited as (
            %s)
            select (select count(*) from changed) as changed, (select count(*) from instance where id = ?) as found
            """.formatted(StoredEvent.insertIfChanged("changed", "(select name from changed)"),
            StoredAudit.insertIfChanged("changed"));

    private final Database db;
    private final SecretSealer sealer;

    PgInstances(Database db, SecretSealer sealer) {
        this.db = db;
        this.sealer = sealer;
    }

    /**
     * The quota row is written by the same statement, so an instance never exists without one. False, like a
     * taken id, when another instance of the same transport already has this phone number id (the conflict
     * clause names no constraint, so it covers both unique indexes).
     */
    @Override
    public boolean add(Instance instance, String webhookSecret) {
        LimitOverrides overrides = instance.overrides();
        TransportAccount account = instance.transportAccount();
        long added = db.call(exec -> exec.dml("""
                        with added as (
                            insert into instance (id, account_id, name, plan, transport, phone_number_id, access_token,
                                                  waba_id, webhook_url, webhook_secret, daily_limit, monthly_limit,
                                                  per_minute_limit, status, created_at, updated_at, status_changed_at,
                                                  waha_url, waha_session, waha_api_key, waha_webhook_key)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict do nothing
                            returning id)
                        insert into instance_quota (instance_id) select id from added
                        """,
                instance.id().value(), instance.accountId().value(), instance.name(), instance.plan().wireName(),
                instance.transport(), account.phoneNumberId().orElse(null), sealed(instance),
                account.businessAccountId().orElse(null), instance.webhookUrl().orElse(null), webhookSecret,
                overrides.daily().orElse(null), overrides.monthly().orElse(null), overrides.perMinute().orElse(null),
                instance.status().wireName(), Columns.utc(instance.createdAt()), Columns.utc(instance.createdAt()),
                Columns.utc(instance.createdAt()), account.waha().url().orElse(null),
                account.waha().session().orElse(null), sealed(instance, WAHA_API_KEY, account.waha().apiKey()),
                sealed(instance, WAHA_WEBHOOK_KEY, account.waha().webhookKey())));
        return added == 1;
    }

    @Override
    public Optional<Instance> find(InstanceId id) {
        return db.call(exec -> exec.get(COLUMNS + " where i.id = ?", id.value()))
                .map(this::instance);
    }

    /** Reads the partial unique index instance_transport_account (V4). */
    @Override
    public Optional<Instance> findByTransportAccount(String transport, String accountRef) {
        return db.call(exec -> exec.get(COLUMNS + " where i.transport = ? and i.phone_number_id = ?",
                        transport, accountRef))
                .map(this::instance);
    }

    /**
     * The transport itself is not changed (the port stores its account, not a move to another transport). A
     * phone number id that another instance of the transport already has is refused by the unique index: the
     * statement fails with the driver's unique violation (false would mean "no such instance").
     *
     * <p>A token sealed under a key this node does not have reads as none; an update that leaves the token out (a
     * change of name or plan) therefore keeps that stored value rather than erasing it, so that configuring the
     * missing key later still opens it. Only a new token replaces it.
     */
    @Override
    public boolean update(Instance instance) {
        LimitOverrides overrides = instance.overrides();
        long updated = db.call(exec -> exec.createUpdate("""
                        update instance
                           set name = :name, plan = :plan, daily_limit = :daily_limit,
                               monthly_limit = :monthly_limit, per_minute_limit = :per_minute_limit,
                               webhook_url = :webhook_url, phone_number_id = :phone_number_id,
                               access_token = case
                                   when cast(:access_token as text) is null
                                        and starts_with(access_token, :sealed_prefix)
                                        and split_part(access_token, ':', 2) not in (:current_key, :previous_key)
                                   then access_token
                                   else cast(:access_token as text) end,
                               waba_id = :waba_id, waha_url = :waha_url, waha_session = :waha_session,
                               waha_api_key = case
                                   when cast(:waha_api_key as text) is null
                                        and starts_with(waha_api_key, :sealed_prefix)
                                        and split_part(waha_api_key, ':', 2) not in (:current_key, :previous_key)
                                   then waha_api_key
                                   else cast(:waha_api_key as text) end,
                               waha_webhook_key = case
                                   when cast(:waha_webhook_key as text) is null
                                        and starts_with(waha_webhook_key, :sealed_prefix)
                                        and split_part(waha_webhook_key, ':', 2) not in (:current_key, :previous_key)
                                   then waha_webhook_key
                                   else cast(:waha_webhook_key as text) end,
                               updated_at = now()
                         where id = :id
                        """)
                .addParam("name", instance.name())
                .addParam("plan", instance.plan().wireName())
                .addParam("daily_limit", overrides.daily().orElse(null))
                .addParam("monthly_limit", overrides.monthly().orElse(null))
                .addParam("per_minute_limit", overrides.perMinute().orElse(null))
                .addParam("webhook_url", instance.webhookUrl().orElse(null))
                .addParam("phone_number_id", instance.transportAccount().phoneNumberId().orElse(null))
                .addParam("access_token", sealed(instance))
                .addParam("waba_id", instance.transportAccount().businessAccountId().orElse(null))
                .addParam("waha_url", instance.transportAccount().waha().url().orElse(null))
                .addParam("waha_session", instance.transportAccount().waha().session().orElse(null))
                .addParam("waha_api_key", sealed(instance, WAHA_API_KEY, instance.transportAccount().waha().apiKey()))
                .addParam("waha_webhook_key",
                        sealed(instance, WAHA_WEBHOOK_KEY, instance.transportAccount().waha().webhookKey()))
                .addParam("sealed_prefix", SecretSealer.VERSION + ":")
                .addParam("current_key", sealer.currentKeyId())
                .addParam("previous_key", sealer.previousKeyId().orElse(sealer.currentKeyId()))
                .addParam("id", instance.id().value())
                .execute());
        return updated == 1;
    }

    private String sealed(Instance instance) {
        return sealed(instance, ACCESS_TOKEN, instance.transportAccount().accessToken());
    }

    private String sealed(Instance instance, String column, Optional<String> secret) {
        return secret.map(plain -> sealer.seal(plain, SecretSealer.place(column, instance.id().value()))).orElse(null);
    }

    /**
     * One statement: the status (only if it differs), the announcing client event (named from the changed row) and
     * the audit entry, so that neither is stored without the change nor the change without them. Two operators
     * pausing at once: the second's update waits for the first's row lock, then finds the status already changed.
     */
    @Override
    public StatusChange changeStatus(InstanceId id, InstanceStatus status, Optional<ClientEvent> announced,
                                     AuditEntry audited) {
        Object[] changed = {status.wireName(), Columns.utc(audited.at()), id.value(), status.wireName()};
        Object[] parameters = Stream.of(changed, StoredEvent.insertParametersWithoutName(announced),
                        StoredAudit.parameters(audited), new Object[] {id.value()})
                .flatMap(Stream::of).toArray();
        return db.call(exec -> exec.get(STATUS_CHANGE, parameters))
                .map(row -> Columns.longValue(row, "changed") == 1 ? StatusChange.CHANGED
                        : Columns.longValue(row, "found") == 1 ? StatusChange.UNCHANGED : StatusChange.UNKNOWN_INSTANCE)
                .orElseThrow(() -> new IllegalStateException("a count returned no row"));
    }

    /**
     * A plain substring test (strpos, so that {@code %} and {@code _} in the text mean themselves) over every row:
     * instances are counted in thousands, not millions, so the scan costs less than keeping a trigram index.
     * The page follows the primary key; an empty text or cursor means none.
     */
    @Override
    public List<Instance> search(Optional<String> text, Optional<InstanceId> after, int limit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery(COLUMNS + """
                             where (:text = ''
                                    or strpos(lower(i.id), :text) > 0
                                    or strpos(lower(i.name), :text) > 0
                                    or strpos(lower(i.account_id), :text) > 0)
                               and i.id > :after
                             order by i.id
                             limit :limit
                            """)
                    .addParam("text", text.map(t -> t.toLowerCase(Locale.ROOT)).orElse(""))
                    .addParam("after", after.map(InstanceId::value).orElse(""))
                    .addParam("limit", Math.max(0, limit))
                    .execute()) {
                return rows.map(this::instance).toList();
            }
        });
    }

    /** Through instance_paused (V12); the start of the list is "before infinity". */
    @Override
    public List<Paused> pausedForReview(Optional<PausedPosition> after, int limit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery(COLUMNS.replace("select ", "select i.status_changed_at, ") + """
                             where i.status = 'paused_for_review'
                               and (i.status_changed_at, i.id) < (cast(:since as timestamptz), :after)
                             order by i.status_changed_at desc, i.id desc
                             limit :limit
                            """)
                    .addParam("since", after.map(p -> p.since().toString()).orElse("infinity"))
                    .addParam("after", after.map(p -> p.id().value()).orElse(""))
                    .addParam("limit", Math.max(0, limit))
                    .execute()) {
                return rows.map(row -> new Paused(instance(row), Columns.instant(row, "status_changed_at"))).toList();
            }
        });
    }

    private Instance instance(DbRow row) {
        String id = Columns.string(row, "id");
        return new Instance(
                new InstanceId(id),
                new AccountId(Columns.string(row, "account_id")),
                Columns.string(row, "name"),
                Plan.fromWireName(Columns.string(row, "plan"))
                        .orElseThrow(() -> new IllegalStateException("unknown plan in the database")),
                new LimitOverrides(Columns.optionalInt(row, "daily_limit"), Columns.optionalInt(row, "monthly_limit"),
                        Columns.optionalInt(row, "per_minute_limit")),
                InstanceStatus.fromWireName(Columns.string(row, "status")),
                Columns.string(row, "transport"),
                new TransportAccount(Columns.optionalString(row, "phone_number_id"),
                        Columns.optionalString(row, "access_token")
                                .flatMap(stored -> sealer.openOrReport(stored, ACCESS_TOKEN, id)),
                        Columns.optionalString(row, "waba_id"),
                        new WahaAccount(Columns.optionalString(row, "waha_url"),
                                Columns.optionalString(row, "waha_session"),
                                Columns.optionalString(row, "waha_api_key")
                                        .flatMap(stored -> sealer.openOrReport(stored, WAHA_API_KEY, id)),
                                Columns.optionalString(row, "waha_webhook_key")
                                        .flatMap(stored -> sealer.openOrReport(stored, WAHA_WEBHOOK_KEY, id)))),
                Columns.optionalString(row, "webhook_url"),
                ZoneId.of(Columns.string(row, "time_zone")),
                Columns.instant(row, "created_at"));
    }
}
