package aieditor.pipeline;

import aieditor.store.Store;
import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** {@link MissedFiresTest} on PostgreSQL, the distributed store, in a database of its own created for the run. */
class MissedFiresPostgresTest extends MissedFiresTest {
    private static final String DATABASE = "aieditor_missed_" + ProcessHandle.current().pid();

    static {
        admin("DROP DATABASE IF EXISTS " + DATABASE);
        admin("CREATE DATABASE " + DATABASE);
    }

    @Override
    Store newStore() {
        return new Store("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "", 2);
    }

    @AfterAll
    static void drop() {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL must answer on 127.0.0.1:5432 (.ci/run starts it): " + e.getMessage(), e);
        }
    }
}
