package aieditor.queue;

import aieditor.Application;
import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.ModelCall;
import aieditor.fixtures.NeedsRedis;
import aieditor.fixtures.Network;
import aieditor.fixtures.PostgresServer;
import aieditor.fixtures.RedisServer;
import aieditor.pipeline.JobCancellation;
import aieditor.pipeline.Triggers;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Distributed mode end to end: this test's application is the web process (it queues, runs nothing) and three
 * worker processes share PostgreSQL and Redis. Decoration calls a fake Anthropic that answers only when the test
 * lets it, so the test decides where each worker is when it dies (SIGKILL) or is stopped (SIGTERM).
 */
@CamelMainTest(properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/distributed"})
@NeedsRedis
class DistributedWorkersTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);
    private static final String DATABASE_URL = PostgresServer.freshDatabase("aieditor_distributed");
    private static final RedisServer REDIS_SERVER = RedisServer.start("distributed");
    private static final String REDIS_URL = REDIS_SERVER.url();
    /**
     * Decoration answers waiting for the test's go-ahead: one permit, one answer, first come first served (a call
     * left by a dead worker still waits here and takes a permit of its own).
     */
    private static final Semaphore DECORATIONS = new Semaphore(0, true);
    private static final FakeServer ANTHROPIC = FakeServer.start(DistributedWorkersTest::edit);
    private static final List<ChildJvm> WORKERS = new ArrayList<>();
    private static final JedisConnectionFactory REDIS = RedisTransport.connectionFactory(REDIS_URL, 1);

    static {
        System.setProperty("db.database-url", DATABASE_URL);
        System.setProperty("queue.redis-url", REDIS_URL);
        System.setProperty("camel.server.port", String.valueOf(Network.freePort()));
    }

    @BeanInject
    CamelContext context;

    private static FakeServer.Response edit(FakeServer.Request request) {
        ModelCall call = ModelCall.of(request);
        if (!call.decoration()) {
            return call.echo();
        }
        try {
            if (!DECORATIONS.tryAcquire(90, TimeUnit.SECONDS)) {
                return ModelCall.noGoAhead();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ModelCall.decorated("Briefly: " + call.title(60), "The first point.", "The second point.", "The third point.");
    }

    private static ChildJvm worker(String name) {
        Map<String, String> p = new HashMap<>();
        p.put("db.database-url", DATABASE_URL);
        p.put("queue.redis-url", REDIS_URL);
        p.put("queue.workers", "2");
        p.put("queue.redis.lease-seconds", "3");
        p.put("camel.main.shutdownTimeout", "2");
        p.put("camel.server.port", String.valueOf(Network.freePort()));
        p.put("aieditor.data-dir", "target/test-data/distributed"); // the workers' shared volume
        p.put("jobs.max-attempts", "5");
        p.put("decoration.parallelism", "1");
        p.putAll(ModelCall.decorationAndBoldingAt(ANTHROPIC.url()));
        ChildJvm jvm = ChildJvm.start("distributed-" + name, p, "serve", "--role", "worker");
        WORKERS.add(jvm);
        return jvm;
    }

    @AfterAll
    static void stop() {
        WORKERS.forEach(ChildJvm::stopQuietly);
        DECORATIONS.release(1000);
        ANTHROPIC.close();
        REDIS.destroy();
        REDIS_SERVER.close();
    }

    @Test
    void should_send_the_issue_once_with_every_slot_decorated_once_when_workers_wait_die_and_shut_down() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        RedisQueue queue = new RedisQueue(redis(), "jobs");
        Triggers triggers = context.getRegistry().lookupByNameAndType("triggers", Triggers.class);

        // no worker yet: the job waits in Redis, queued
        Triggers.Chain chain = triggers.pipeline(DATE, Map.of(), "test");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> "queued".equals(status(jdbc, chain.firstJobId())) && queue.depths().get("default") == 1L);

        Instant workersStarted = Instant.now();
        ChildJvm a = worker("a");
        ChildJvm b = worker("b");
        ChildJvm c = worker("c");
        await().atMost(Duration.ofSeconds(90)).until(() -> "completed".equals(status(jdbc, chain.firstJobId())));
        Duration waitedJobRan = Duration.between(workersStarted, Instant.now());

        // decoration: two slots done, the third waiting on the model; then its worker is killed
        await().atMost(Duration.ofSeconds(90)).until(() -> decorationCalls() == 1);
        DECORATIONS.release(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> decorated(jdbc) == 2 && decorationCalls() == 3);
        Map<Integer, Timestamp> firstTwo = decoratedAt(jdbc);
        ChildJvm first = runningDecoration(jdbc, a, b, c);
        Instant killedAt = Instant.now();
        first.kill();
        DECORATIONS.release(1); // the call the dead worker left hanging

        // its heartbeat stops, another worker takes the job over and does only the slots left; a lost worker is a
        // redelivery, not a failed attempt
        await().atMost(Duration.ofSeconds(30)).until(() -> decorationCalls() == 4 && redeliveries(jdbc) == 1);
        assertThat(attempt(jdbc)).isEqualTo(1);
        Duration killToTakeover = Duration.between(killedAt, startedAt(jdbc));
        DECORATIONS.release(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> decorated(jdbc) == 3 && decorationCalls() == 5);

        // the second is stopped politely while a call hangs: it hands the job back and exits 0
        ChildJvm second = runningDecoration(jdbc, a, b, c);
        Instant termAt = Instant.now();
        second.terminate();
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).isZero();
        assertThat(second.log()).contains("handed 1 running job(s) back to the queue");
        DECORATIONS.release(1); // the call the stopped worker left hanging
        await().atMost(Duration.ofSeconds(30)).until(() -> redeliveries(jdbc) == 2);
        assertThat(attempt(jdbc)).isEqualTo(1);
        Duration termToTakeover = Duration.between(termAt, startedAt(jdbc));
        DECORATIONS.release(100);

        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM jobs WHERE chain_id = ? AND status = 'completed'", Long.class, chain.chainId()) == 9);

        // every slot decorated once: five decorations, and the two finished before the kill were not redone
        assertThat(jdbc.queryForList("SELECT status FROM decorations WHERE issue_date = ?", String.class, DATE))
                .hasSize(5).containsOnly("decorated");
        assertThat(decoratedAt(jdbc)).containsAllEntriesOf(firstTwo);
        Map<String, Long> callsPerTitle = new HashMap<>();
        decorationRequests().forEach(r -> callsPerTitle.merge(ModelCall.of(r).title(), 1L, Long::sum));
        assertThat(callsPerTitle).hasSize(5);
        assertThat(callsPerTitle.values().stream().filter(n -> n == 1L).count()).isGreaterThanOrEqualTo(3);

        // the issue went out exactly once
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deliveries WHERE issue_date = ? AND status = 'sent'", Long.class, DATE))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE step = 'mautic_send'", Long.class)).isEqualTo(1);
        // a cancel sent from this web process reaches the worker that runs the job, and stops it mid-call
        DECORATIONS.drainPermits();
        long callsBefore = decorationCalls();
        LocalDate next = DATE.plusDays(1);
        triggers.pipeline(next, Map.of(), "test");
        await().atMost(Duration.ofSeconds(90)).until(() -> decorationCalls() > callsBefore);
        String decoration = jdbc.queryForObject("SELECT id FROM jobs WHERE step = 'decoration' AND issue_date = ?", String.class, next);
        JobCancellation lifecycle = context.getRegistry().findSingleByType(JobCancellation.class);
        Instant cancelAt = Instant.now();
        assertThat(lifecycle.cancel(decoration, "test")).isEqualTo(JobCancellation.CancelOutcome.STOPPING);
        await().atMost(Duration.ofSeconds(30)).until(() -> "cancelled".equals(status(jdbc, decoration)));
        Duration cancelToStop = Duration.between(cancelAt, jdbc.queryForObject(
                "SELECT finished_at FROM jobs WHERE id = ?", Timestamp.class, decoration).toInstant());

        Map<Object, Object> stats = queue.stats();
        assertThat(stats).containsEntry("redelivered", "1").containsEntry("handed_back", "1");
        System.out.printf("distributed run: %s jobs queued, %s acknowledged, %s redelivered after SIGKILL, %s handed back "
                        + "at SIGTERM; first job ran %d ms after the workers were started; kill to takeover %d ms; "
                        + "SIGTERM to takeover %d ms; %d decoration calls for 5 slots; cross-process cancel took %d ms%n",
                stats.get("enqueued"), stats.get("acked"), stats.get("redelivered"), stats.get("handed_back"),
                waitedJobRan.toMillis(), killToTakeover.toMillis(), termToTakeover.toMillis(), callsBefore, cancelToStop.toMillis());
    }

    private static StringRedisTemplate redis() {
        StringRedisTemplate t = new StringRedisTemplate(REDIS);
        t.afterPropertiesSet();
        return t;
    }

    private static String status(JdbcTemplate jdbc, String jobId) {
        return jdbc.queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, jobId);
    }

    private static List<FakeServer.Request> decorationRequests() {
        return ANTHROPIC.requests().stream().filter(r -> ModelCall.of(r).decoration()).toList();
    }

    private static long decorationCalls() {
        return decorationRequests().size();
    }

    private static long decorated(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decorations WHERE issue_date = ? AND status = 'decorated'", Long.class, DATE);
    }

    private static Map<Integer, Timestamp> decoratedAt(JdbcTemplate jdbc) {
        Map<Integer, Timestamp> at = new HashMap<>();
        jdbc.query("SELECT slot, decorated_at FROM decorations WHERE issue_date = ?",
                rs -> { at.put(rs.getInt(1), rs.getTimestamp(2)); }, DATE);
        return at;
    }

    private static int redeliveries(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT redeliveries FROM jobs WHERE step = 'decoration' AND status = 'running'", Integer.class)
                .stream().findFirst().orElse(0);
    }

    private static int attempt(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT attempt FROM jobs WHERE step = 'decoration' AND status = 'running'", Integer.class)
                .stream().findFirst().orElse(0);
    }

    private static Instant startedAt(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT started_at FROM jobs WHERE step = 'decoration'", Timestamp.class).toInstant();
    }

    /** The worker process running the decoration job, from the job's record ("pid@host"). */
    private static ChildJvm runningDecoration(JdbcTemplate jdbc, ChildJvm... workers) {
        String worker = jdbc.queryForObject("SELECT worker FROM jobs WHERE step = 'decoration' AND status = 'running'", String.class);
        long pid = Long.parseLong(worker.substring(0, worker.indexOf('@')));
        for (ChildJvm w : workers) {
            if (w.pid() == pid) {
                return w;
            }
        }
        throw new AssertionError("decoration runs on " + worker + ", not on a worker of this test");
    }
}
