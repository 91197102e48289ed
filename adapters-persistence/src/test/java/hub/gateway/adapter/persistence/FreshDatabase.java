package hub.gateway.adapter.persistence;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own database, with {@link PostgresPersistence} and {@link Fixtures} on it: registered as a static
 * extension, it connects before the class's tests and closes after them, so classes never see each other's rows.
 */
final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {
    private static final int POOL_SIZE = 4;

    private TestDb jdbc;
    private PostgresPersistence persistence;
    private Fixtures fixtures;

    @Override
    public void beforeAll(ExtensionContext context) {
        jdbc = TestDb.fresh();
        persistence = jdbc.connect(POOL_SIZE);
        fixtures = new Fixtures(persistence);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        persistence.close();
    }

    PostgresPersistence persistence() {
        return persistence;
    }

    Fixtures fixtures() {
        return fixtures;
    }

    /** Plain JDBC on the same database, for what the ports cannot do. */
    TestDb jdbc() {
        return jdbc;
    }
}
