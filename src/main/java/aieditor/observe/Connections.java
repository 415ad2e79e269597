package aieditor.observe;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Borrows a connection from the store's pool without waiting the pool's full connection timeout: probes and
 * scrapes must answer within seconds while the database is gone, and the workers keep the pool's patient wait.
 */
final class Connections {
    private Connections() {
    }

    static Connection borrow(DataSource dataSource, Duration wait) throws SQLException {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() instanceof HikariPool pool) {
            return pool.getConnection(wait.toMillis());
        }
        return dataSource.getConnection();
    }
}
