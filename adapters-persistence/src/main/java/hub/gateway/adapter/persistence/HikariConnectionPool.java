package hub.gateway.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import hub.gateway.application.port.out.StorageUnavailableException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands Helidon DbClient the connections of our own Hikari pool, so that Flyway, the health check and
 * DbClient share one pool and one set of timeouts.
 */
final class HikariConnectionPool implements JdbcConnectionPool {
    private final HikariDataSource dataSource;

    HikariConnectionPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Hikari gives up after its connection timeout; that, or a closed pool, means the database is unavailable. */
    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageUnavailableException("no database connection available", e);
        }
    }

    @Override
    public String dbType() {
        return "jdbc:postgresql";
    }
}
