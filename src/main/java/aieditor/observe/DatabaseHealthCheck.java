package aieditor.observe;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/** Ready only while the store answers {@code SELECT 1} within a couple of seconds. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {
    private final DataSource dataSource;
    private final Duration timeout;

    public DatabaseHealthCheck(DataSource dataSource, Duration timeout) {
        super("ai-editor", "database");
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public boolean isLiveness() {
        // a restart does not bring a database back
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long started = System.nanoTime();
        try (Connection c = Connections.borrow(dataSource, timeout); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            s.execute("SELECT 1");
            builder.up().detail("database", c.getMetaData().getDatabaseProductName());
        } catch (Exception e) {
            builder.down().message("The database did not answer: " + e.getMessage()).error(e);
        }
        builder.detail("elapsed.ms", (System.nanoTime() - started) / 1_000_000);
    }
}
