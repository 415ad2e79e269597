package aieditor.faults;

import aieditor.fixtures.Network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A PostgreSQL 15 cluster of the test's own (pg_createcluster, trust for local and 127.0.0.1) on a free port, so the
 * test can stop it with {@code -m immediate} - the server dies like a crashed host, connections break - and start it
 * again. Dropped at the end; clusters a killed test run left behind are dropped at the next start.
 */
final class PgCluster implements AutoCloseable {
    private static final String PREFIX = "aif_";
    private final String name = PREFIX + ProcessHandle.current().pid();
    private final int port = Network.freePort();

    static PgCluster create() {
        dropLeftovers();
        PgCluster c = new PgCluster();
        run("pg_createcluster", "15", c.name, "-p", String.valueOf(c.port));
        Path conf = Path.of("/etc/postgresql/15", c.name);
        try {
            Files.writeString(conf.resolve("pg_hba.conf"), """
                    local all all trust
                    host all all 127.0.0.1/32 trust
                    host all all ::1/128 trust
                    """);
            // an immediate stop kills the server, not the machine: the page cache survives, so fsync buys nothing here
            Files.writeString(conf.resolve("conf.d").resolve("faults.conf"), "fsync = off\nmax_connections = 200\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        c.start();
        return c;
    }

    /** A JDBC-less URL the application understands (DATABASE_URL form). */
    String databaseUrl(String database) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    void start() {
        run("pg_ctlcluster", "15", name, "start");
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            execute("postgres", "SELECT 1");
            return true;
        });
    }

    /** Like a crash: every server process is killed at once, clients' connections break mid-use. */
    void stopImmediately() {
        run("pg_ctlcluster", "15", name, "stop", "-m", "immediate");
    }

    void execute(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?connectTimeout=2&socketTimeout=10", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        run("pg_dropcluster", "--stop", "15", name);
    }

    private static void dropLeftovers() {
        for (String line : run("pg_lsclusters", "-h").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 1 && f[1].startsWith(PREFIX)) {
                long pid = Long.parseLong(f[1].substring(PREFIX.length()));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another test run's
                }
                run("pg_dropcluster", "--stop", "15", f[1]);
            }
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " (PostgreSQL 15 cluster tools, run as root)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
