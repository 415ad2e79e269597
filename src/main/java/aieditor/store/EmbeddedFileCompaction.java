package aieditor.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store writes every commit to its file before the commit returns ({@code WRITE_DELAY=0}), so a SIGKILL
 * loses no committed job move or delivery claim. The price is that H2 then runs no background writer, which is also
 * what rewrites half-empty chunks: left alone, the file grows by every commit (3 GB after 60,000 jobs, measured).
 * This does that housekeeping instead, once a second, in the process that opened the file.
 */
final class EmbeddedFileCompaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFileCompaction.class);
    /** Chunks less full than this are rewritten; H2's own background writer uses 90 too. */
    private static final int TARGET_FILL_RATE = 90;
    private static final int MAX_BYTES_PER_RUN = 4 << 20;

    private final MVStore store;
    private final ScheduledExecutorService timer;

    private EmbeddedFileCompaction(MVStore store) {
        this.store = store;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-compaction");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::compact, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts the housekeeping when this process holds an H2 file store (a `run` next to `serve` reaches the file
     * through the other's AUTO_SERVER and has nothing to do).
     */
    static Optional<EmbeddedFileCompaction> startIfEmbeddedFile(String url, DataSource dataSource) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            if (c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local) {
                MVStore store = local.getDatabase().getStore().getMvStore();
                if (store.getFileStore() != null) {
                    return Optional.of(new EmbeddedFileCompaction(store));
                }
            }
        } catch (Exception e) {
            LOG.warn("The embedded store's file compaction could not start; the file may grow until the next restart: {}",
                    e.getMessage());
        }
        return Optional.empty();
    }

    private void compact() {
        try {
            if (!store.isClosed()) {
                store.compact(TARGET_FILL_RATE, MAX_BYTES_PER_RUN);
            }
        } catch (RuntimeException e) {
            LOG.debug("Store compaction skipped this round: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
