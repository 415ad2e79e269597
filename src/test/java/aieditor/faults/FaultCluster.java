package aieditor.faults;

import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.Network;
import aieditor.fixtures.PostgresServer;
import aieditor.fixtures.RedisServer;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a fault test's web process shares with its workers: a PostgreSQL database, a Redis server of its own to kill
 * and restart, a fake model, the web port, the data folder ({@code target/test-data/faults-<name>}, as the test's
 * {@code aieditor.data-dir}) and the worker processes. Made before the test's application starts: it points the
 * application at them through system properties.
 */
final class FaultCluster implements AutoCloseable {
    final String databaseUrl;
    final Path data;
    final RedisServer redis;
    final FakeModel model = new FakeModel();
    final int port = Network.freePort();
    final List<ChildJvm> workers = new ArrayList<>();
    private final Runnable closeDatabase;

    /** On a fresh database of the tests' embedded PostgreSQL (it stops with the JVM). */
    static FaultCluster start(String name) {
        return new FaultCluster(name, PostgresServer.freshDatabase("aieditor_faults_" + name.replace('-', '_')), () -> { });
    }

    /** On a PostgreSQL cluster of the test's own, to stop and start; closing the cluster closes it. */
    static FaultCluster start(String name, PgCluster pg) {
        try {
            pg.execute("postgres", "CREATE DATABASE aieditor");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new FaultCluster(name, pg.databaseUrl("aieditor"), pg::close);
    }

    private FaultCluster(String name, String databaseUrl, Runnable closeDatabase) {
        this.databaseUrl = databaseUrl;
        this.closeDatabase = closeDatabase;
        this.data = Faults.sharedDataDir("faults-" + name);
        this.redis = RedisServer.start(name);
        System.setProperty("db.database-url", databaseUrl);
        System.setProperty("queue.redis-url", redis.url());
        System.setProperty("camel.server.port", String.valueOf(port));
    }

    /** A worker process on this cluster (see {@link Faults#worker}); stopped when the cluster closes. */
    ChildJvm worker(String name, Map<String, String> extra) {
        ChildJvm worker = Faults.worker(name, databaseUrl, redis.url(), data, model, extra);
        workers.add(worker);
        return worker;
    }

    /** A triggered chain, and its decoration job as it runs on a worker with a model call held in flight. */
    record InFlight(String chain, Faults.Job decoration) {
    }

    /**
     * Holds the model, starts a worker per name, triggers the pipeline for {@code date} and waits until its decoration
     * runs on one of them, its first model call in flight.
     */
    InFlight decorationInFlight(JdbcTemplate jdbc, LocalDate date, String... workerNames) {
        model.hold();
        for (String name : workerNames) {
            worker(name, Map.of());
        }
        Faults.Answer started = Faults.post(port, "/jobs/pipeline", "{\"date\":\"" + date + "\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String chain = started.json().path("chain_id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> model.decorationCalls() >= 1
                && Faults.chainJob(jdbc, chain, "decoration").filter(j -> j.status().equals("running")).isPresent());
        return new InFlight(chain, Faults.chainJob(jdbc, chain, "decoration").orElseThrow());
    }

    /** The worker process the job runs on. */
    ChildJvm holderOf(Faults.Job job) {
        return workers.stream().filter(w -> w.pid() == job.pid()).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        workers.forEach(ChildJvm::stopQuietly);
        model.close();
        redis.close();
        closeDatabase.run();
    }
}
