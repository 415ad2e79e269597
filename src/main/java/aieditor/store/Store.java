package aieditor.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The pipeline's SQL store: a pooled DataSource whose schema Flyway brings up to date before anything else runs.
 * The same migrations serve the embedded H2 database and PostgreSQL.
 */
public final class Store extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final HikariDataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final java.util.Optional<EmbeddedFileCompaction> compaction;

    public Store(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, java.time.Duration.ZERO);
    }

    /** @param startupWait how long to wait for an unreachable database before giving up */
    public Store(String url, String user, String password, int poolSize, java.time.Duration startupWait) {
        createEmbeddedFileWhole(url, user, password);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("ai-editor-store");
        // an unreachable database fails a caller within seconds (a trigger answers 503 and can be tried again)
        // instead of holding it for the pool's default 30 s
        config.setConnectionTimeout(5000);
        config.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public SQLExceptionOverride.Override adjudicate(SQLException e) {
                return lostConnection(e);
            }
        });
        // the pool opens lazily, so that a database that is not up yet is waited for below rather than failing here
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        // PostgreSQL (distributed mode) also gets the clustered scheduler's tables
        String[] locations = url.startsWith("jdbc:postgresql:")
                ? new String[]{"classpath:db/migration", "classpath:db/vendor/postgresql"} : new String[]{"classpath:db/migration"};
        var result = migrate(locations, startupWait, url);
        LOG.info("Store ready at {} (schema version {}, {} migrations applied now).",
                redact(url), result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
                result.migrationsExecuted);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.compaction = EmbeddedFileCompaction.startIfEmbeddedFile(url, dataSource);
    }

    /**
     * The embedded default's database: an H2 file under the data folder, in PostgreSQL mode so the same migrations
     * serve both stores. WRITE_DELAY=0 puts every commit in the file before the commit returns (H2 keeps no redo log:
     * with its default 500 ms delay a SIGKILL lost the last commits, and a re-run sent an issue again); RETENTION_TIME=0
     * lets freed space be reused at once, which together with {@link EmbeddedFileCompaction} keeps the file small.
     * What survives SIGKILL is what reached the operating system; only PostgreSQL also survives a power cut.
     * AUTO_SERVER lets a `run` work while `serve` holds the file.
     */
    public static String embeddedUrl(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("db").resolve("ai-editor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0;RETENTION_TIME=0";
    }

    /**
     * Flyway's first connection is the process's first contact with the database: it retries for about
     * {@code wait} (backing off 1, 2, 4 s, then every 5 s) and logs each try, then gives up.
     */
    private org.flywaydb.core.api.output.MigrateResult migrate(String[] locations, java.time.Duration wait, String url) {
        int retries = wait.isZero() ? 0 : (int) Math.max(1, (wait.toSeconds() - 7) / 5 + 3);
        if (retries > 0) {
            LOG.info("Opening the store at {} (waiting up to {} s if it is unreachable).", redact(url), wait.toSeconds());
        }
        return Flyway.configure().dataSource(dataSource).locations(locations).connectRetries(retries)
                .connectRetriesInterval(5).load().migrate();
    }

    /**
     * H2 commits each DDL statement on its own, so a process killed during the first migrations of a new data folder
     * left a half-made schema that no later start could migrate (1 kill in 10 at that moment, measured). A new
     * embedded database is therefore made and migrated under a temporary name and renamed into place only when whole;
     * a leftover from a killed attempt is thrown away.
     */
    private static void createEmbeddedFileWhole(String url, String user, String password) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return;
        }
        int options = url.indexOf(';');
        java.nio.file.Path base = java.nio.file.Path.of(url.substring("jdbc:h2:file:".length(), options < 0 ? url.length() : options));
        java.nio.file.Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        java.nio.file.Path making = base.resolveSibling(base.getFileName() + "-new");
        java.nio.file.Path makingFile = making.resolveSibling(making.getFileName() + ".mv.db");
        try {
            java.nio.file.Files.deleteIfExists(makingFile);
            java.nio.file.Files.deleteIfExists(making.resolveSibling(making.getFileName() + ".trace.db"));
            if (java.nio.file.Files.exists(file)) {
                return;
            }
            String settings = options < 0 ? "" : url.substring(options).replace(";AUTO_SERVER=TRUE", "");
            var fresh = new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.h2.Driver(),
                    "jdbc:h2:file:" + making + settings, user, password);
            Flyway.configure().dataSource(fresh).locations("classpath:db/migration").load().migrate();
            new org.springframework.jdbc.core.JdbcTemplate(fresh).execute("SHUTDOWN");
            java.nio.file.Files.move(makingFile, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Created the embedded store {}.", file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not create the embedded store " + file, e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    protected void doStop() {
        compaction.ifPresent(EmbeddedFileCompaction::close);
        dataSource.close();
    }

    /**
     * H2 reports a server that went away with its own error codes rather than SQL state 08xxx; without this the
     * pool would keep lending the dead connection and the store would never come back after the server does.
     */
    static SQLExceptionOverride.Override lostConnection(SQLException e) {
        return e.getErrorCode() == 90121 || e.getErrorCode() == 90067
                ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** Connection URLs may carry credentials; logs never do. */
    static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
