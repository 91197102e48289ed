package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.testdb.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A fresh database and plain JDBC on it, for what the ports deliberately cannot do: count audit rows, try to
 * rewrite the audit trail, read what a column really holds.
 */
record TestDb(String url, String user, String password) {
    static TestDb fresh() {
        TestDatabase database = TestDatabase.shared();
        return new TestDb(database.createDatabase(), database.user(), database.password());
    }

    PostgresPersistence connect(int poolSize) {
        return connect(poolSize, TestSecretKeys.keys());
    }

    PostgresPersistence connect(int poolSize, PostgresPersistence.SecretKeys keys) {
        return PostgresPersistence.connect(url, user, password, poolSize, keys);
    }

    /** The first column of the first row, as text. */
    String text(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new AssertionError("no row for " + sql);
            }
            return rows.getString(1);
        }
    }

    long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
