package aieditor.faults;

import aieditor.Application;
import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.NeedsRedis;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis dies (SIGKILL) while decoration is in flight and stays away for longer than two leases. Decoration finishes
 * during the outage, its next step and three API triggers can only be recorded in the database; when Redis is back
 * everything runs once, the issue is sent once, and no live worker loses its job because its lease ran out.
 *
 * <p>This test's application is the web process (it queues, runs nothing); two worker processes run the jobs.
 * {@code -Dfaults.redis-outage-seconds} sets the outage (default 12 s, at least twice the 5 s lease).
 */
@Tag("faults")
@CamelMainTest(properties = {"schedule.enabled=false", "queue.consume=false",
        "aieditor.data-dir=target/test-data/faults-redis-outage", "api.trigger-secret=" + Faults.SECRET})
@NeedsRedis
class RedisOutageTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.redis-outage-seconds", 12));
    private static final FaultCluster CLUSTER = FaultCluster.start("redis-outage");

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        CLUSTER.close();
    }

    private static void workers() {
        if (CLUSTER.workers.isEmpty()) {
            for (String name : List.of("redis-a", "redis-b")) {
                CLUSTER.worker(name, Map.of());
            }
        }
    }

    /**
     * The job still runs when Redis comes back, its lease long run out: whether the queue redelivers it first (another
     * worker finds the holder's heartbeat fresh and drops the message) or the holder renews first, it stays with its
     * live holder.
     */
    @Test
    void should_leave_a_job_with_its_live_worker_when_redis_comes_back_after_its_lease_ran_out() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        LocalDate date = DATE.plusDays(1);
        EmlWatch eml = new EmlWatch(CLUSTER.data, date);
        CLUSTER.model.hold();
        workers();
        Faults.Answer started = Faults.post(CLUSTER.port, "/jobs/pipeline", "{\"date\":\"" + date + "\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String chain = started.json().path("chain_id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> Faults.chainJob(jdbc, chain, "decoration")
                .filter(j -> j.status().equals("running")).isPresent());
        Faults.Job decoration = Faults.chainJob(jdbc, chain, "decoration").orElseThrow();
        String redelivered = CLUSTER.redis.cli("hget", "ai-editor:queue:jobs:stats", "redelivered");
        Instant killedAt = Instant.now();
        CLUSTER.redis.kill();
        await().atMost(OUTAGE.plusSeconds(5)).until(() -> !Instant.now().isBefore(killedAt.plus(OUTAGE)));
        CLUSTER.redis.restart();

        // the model still holds decoration: for longer than a lease and the loss time after Redis is back, the job
        // stays with its worker, started once
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).until(() -> {
            Faults.Job now = Faults.job(jdbc, decoration.id());
            return now.status().equals("running") && now.worker().equals(decoration.worker())
                    && now.startedAt().equals(decoration.startedAt()) && now.redeliveries() == 0;
        });
        String path = CLUSTER.redis.cli("hget", "ai-editor:queue:jobs:stats", "redelivered").equals(redelivered)
                ? "the holder renewed its lease first" : "the queue redelivered it and the other worker left it to its holder";
        CLUSTER.model.release();
        await().atMost(Duration.ofSeconds(90)).until(() -> Faults.chainCompleted(jdbc, chain));
        Faults.assertSentOnce(jdbc, date);
        await().atMost(Duration.ofSeconds(5)).until(() -> eml.written() >= 1);
        assertThat(eml.written()).as("newsletter.eml writes").isEqualTo(1);
        assertThat(Faults.open(jdbc)).as(Faults.describe(jdbc)).isEmpty();
        assertThat(Faults.jobs(jdbc).stream().filter(j -> chain.equals(j.chainId()))).as(Faults.describe(jdbc)).allSatisfy(j -> {
            assertThat(j.attempt()).isEqualTo(1);
            assertThat(j.redeliveries()).as("redeliveries of %s", j.step()).isZero();
        });
        eml.close();
        System.out.printf("redis outage with decoration running through it: its lease ran out %.0f s before Redis was back; "
                + "it stayed with its live worker (%s)%n", Faults.seconds(OUTAGE.minusSeconds(5)), path);
    }

    /**
     * A worker started while Redis is down waits for it, as one whose Redis goes away does: before, its job-signals
     * listener failed the start and the process exited with code 1. Once Redis is back it listens for signals and
     * runs jobs.
     */
    @Test
    void should_start_a_worker_while_redis_is_down_and_have_it_work_once_redis_is_back() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        CLUSTER.redis.kill();
        ChildJvm late = CLUSTER.worker("redis-late", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> late.log().contains("Cannot listen for job signals yet"));
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> late.process().isAlive());
        CLUSTER.redis.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> late.log().contains("Listening for job signals (stop requests) again."));
        Faults.Answer started = Faults.post(CLUSTER.port, "/jobs/prefilter", "{\"date\":\"" + DATE.plusDays(30) + "\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String jobId = started.json().path("job_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> Faults.job(jdbc, jobId).status().equals("completed"));
        assertThat(late.process().isAlive()).isTrue();
    }

    @Test
    void should_run_every_job_once_and_send_once_when_redis_is_killed_with_decoration_in_flight() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        EmlWatch eml = new EmlWatch(CLUSTER.data, DATE);
        CLUSTER.model.hold();
        workers();
        Instant testStart = Instant.now();
        Faults.Answer started = Faults.post(CLUSTER.port, "/jobs/pipeline", "{\"date\":\"" + DATE + "\"}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String chain = started.json().path("chain_id").asText();

        // decoration waits in the model; then Redis is killed under it
        await().atMost(Duration.ofSeconds(120)).until(() -> CLUSTER.model.decorationCalls() >= 1
                && Faults.chainJob(jdbc, chain, "decoration").filter(j -> j.status().equals("running")).isPresent());
        Faults.Job decoration = Faults.chainJob(jdbc, chain, "decoration").orElseThrow();
        Instant killedAt = Instant.now();
        CLUSTER.redis.kill();

        // decoration finishes during the outage; the next step can only be recorded, queued, in the database
        CLUSTER.model.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> Faults.job(jdbc, decoration.id()).status().equals("completed")
                && Faults.chainJob(jdbc, chain, "images").isPresent());

        // three triggers while Redis is away: each recorded and answered 202 after the enqueue timeout, none 500
        List<CompletableFuture<Faults.Answer>> calls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String body = "{\"date\":\"" + DATE.plusDays(10 + i) + "\"}";
            calls.add(CompletableFuture.supplyAsync(() -> Faults.post(CLUSTER.port, "/jobs/prefilter", body)));
        }
        List<Faults.Answer> during = new ArrayList<>();
        for (CompletableFuture<Faults.Answer> c : calls) {
            during.add(c.get());
        }
        assertThat(during).as("triggers during the Redis outage").allSatisfy(a -> assertThat(a.status()).as("%s", a).isEqualTo(202));
        List<String> triggered = during.stream().map(a -> a.json().path("job_id").asText()).toList();
        assertThat(Faults.jobs(jdbc).stream().filter(j -> triggered.contains(j.id())).map(Faults.Job::status))
                .containsExactly("queued", "queued", "queued");

        // nothing starts without Redis, however long it is away
        Duration rest = OUTAGE.minus(Duration.between(killedAt, Instant.now()));
        if (!rest.isNegative()) {
            await().during(rest).atMost(rest.plusSeconds(5)).until(() ->
                    Faults.chainJob(jdbc, chain, "images").orElseThrow().status().equals("queued"));
        }
        Duration outage = Duration.between(killedAt, Instant.now());
        CLUSTER.redis.restart();
        Instant backAt = Instant.now();

        // the lost hand-offs are queued again: the next step runs soon after Redis is back
        await().atMost(Duration.ofSeconds(15)).until(() -> Faults.chainJob(jdbc, chain, "images")
                .filter(j -> j.startedAt() != null).isPresent());
        Duration imagesAfter = Duration.between(backAt, Faults.chainJob(jdbc, chain, "images").orElseThrow().startedAt());
        await().atMost(Duration.ofSeconds(90)).until(() -> Faults.chainCompleted(jdbc, chain)
                && Faults.jobs(jdbc).stream().filter(j -> triggered.contains(j.id())).allMatch(j -> j.status().equals("completed")));
        Duration chainDone = Duration.between(backAt, Faults.jobs(jdbc).stream().filter(j -> chain.equals(j.chainId()))
                .map(Faults.Job::finishedAt).max(Instant::compareTo).orElseThrow());

        // sent once: one delivery, one .eml, written by no second attempt
        Faults.assertSentOnce(jdbc, DATE);
        await().atMost(Duration.ofSeconds(5)).until(() -> eml.written() >= 1);
        assertThat(eml.written()).as("newsletter.eml writes").isEqualTo(1);
        assertThat(Faults.logLines(CLUSTER.workers, "was written by an earlier attempt")).isEmpty();
        // every job ran once: completed on its first attempt, never taken from a live worker, nothing left open
        assertThat(Faults.open(jdbc)).as(Faults.describe(jdbc)).isEmpty();
        assertThat(Faults.jobs(jdbc).stream().filter(j -> chain.equals(j.chainId()) || triggered.contains(j.id())))
                .as(Faults.describe(jdbc)).hasSize(9 + 3).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo("completed");
            assertThat(j.attempt()).isEqualTo(1);
            assertThat(j.redeliveries()).as("redeliveries of %s\n%s", j.step(), Faults.logLines(CLUSTER.workers, "Taken over")).isZero();
        });
        assertThat(Faults.logLines(CLUSTER.workers, "Taken over")).isEmpty();
        // decoration ran its five slots once each
        assertThat(CLUSTER.model.decorationCallsSince(testStart)).isEqualTo(5);

        eml.close();
        System.out.printf("redis outage: %.1f s (lease 5 s); triggers during it answered %s; images started %.1f s and the "
                        + "chain finished %.1f s after Redis was back; queue stats %s%n",
                Faults.seconds(outage), during.stream().map(a -> a.status() + " in " + a.took().toMillis() + " ms").toList(),
                Faults.seconds(imagesAfter), Faults.seconds(chainDone), CLUSTER.redis.cli("hgetall", "ai-editor:queue:jobs:stats").replace('\n', ' '));
    }
}
