/**
 * PostgreSQL behind the gateway's out-ports: Helidon DbClient over a Hikari pool, Flyway migrations,
 * Caffeine caches for the look-ups every request makes. {@code PostgresPersistence} is the only public type.
 */
module hub.gateway.adapter.persistence {
    requires transitive hub.gateway.application;
    requires io.helidon.dbclient;
    requires io.helidon.dbclient.jdbc;
    requires java.sql;
    requires com.zaxxer.hikari;
    requires org.postgresql.jdbc;
    // flyway-core 12.4.0 has no Automatic-Module-Name: its module name comes from the jar's file name.
    requires flyway.core;
    // Flyway reads its configuration with Jackson 3, an explicit module that an automatic module's needs do
    // not pull into the module graph; without this, migrate() fails on the module path (ClassNotFoundException).
    requires tools.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires jakarta.json;

    exports hub.gateway.adapter.persistence;
    // Flyway finds the migrations as resources of this module.
    opens db.migration;
}
