package aieditor.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Queued jobs per queue, read from the jobs table (the one place every transport shares) and cached briefly so a
 * Prometheus scrape, which reads one gauge per queue, costs at most one short query.
 */
public final class QueueDepths {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDepths.class);
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final Duration ttl;
    private final Clock clock;
    private Map<String, Long> depths = Map.of();
    private Instant readAt = Instant.MIN;

    public QueueDepths(DataSource dataSource, Duration ttl, Clock clock) {
        this.dataSource = dataSource;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Queued jobs on the queue; NaN while the database cannot tell, so a graph shows a gap rather than a false 0. */
    public synchronized double depth(String queue) {
        Instant now = clock.instant();
        if (now.isAfter(readAt.plus(ttl))) {
            depths = read();
            readAt = now;
        }
        return depths == null ? Double.NaN : depths.getOrDefault(queue, 0L);
    }

    private Map<String, Long> read() {
        try (Connection c = Connections.borrow(dataSource, WAIT); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) WAIT.toSeconds());
            Map<String, Long> read = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT queue, COUNT(*) FROM jobs WHERE status = 'queued' GROUP BY queue")) {
                while (rs.next()) {
                    read.put(rs.getString(1), rs.getLong(2));
                }
            }
            return read;
        } catch (SQLException e) {
            LOG.warn("Queue sizes could not be read from the jobs table: {}", e.getMessage());
            return null;
        }
    }
}
