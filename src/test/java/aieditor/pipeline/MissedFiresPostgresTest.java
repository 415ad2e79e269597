package aieditor.pipeline;

import aieditor.fixtures.PostgresServer;
import aieditor.store.Store;

/** {@link MissedFiresTest} on PostgreSQL, the distributed store, in a database of its own. */
class MissedFiresPostgresTest extends MissedFiresTest {
    private static final String DATABASE = "aieditor_missed";

    static {
        PostgresServer.freshDatabase(DATABASE);
    }

    @Override
    Store newStore() {
        return new Store(PostgresServer.jdbcUrl(DATABASE), "postgres", "", 2);
    }
}
