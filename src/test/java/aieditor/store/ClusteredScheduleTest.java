package aieditor.store;

import aieditor.Application;
import aieditor.fixtures.ChildJvm;
import aieditor.fixtures.NeedsRedis;
import aieditor.fixtures.Network;
import aieditor.fixtures.PostgresServer;
import aieditor.fixtures.RedisServer;
import aieditor.pipeline.Step;
import aieditor.pipeline.BundledSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.Scheduler;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Distributed mode's schedule on one PostgreSQL and one Redis: this test's application (everything, like
 * {@code serve}) and a second JVM run the schedule, a web and a worker JVM run beside them. The prefilter cron fires
 * every two seconds. Only the two schedulers may take part in Quartz firing; every fire makes exactly one job, and
 * none is lost, also when the scheduler that fires is killed.
 */
@CamelMainTest(properties = {
        "schedule.enabled=true", "schedule.prefilter=0/2 * * * * ?", "aieditor.data-dir=target/test-data/cluster",
        "schedule.ingest=0 0 0 1 1 ? 2099", "schedule.ai_scoring=0 0 0 1 1 ? 2099", "schedule.slot_selection=0 0 0 1 1 ? 2099",
        "schedule.decoration=0 0 0 1 1 ? 2099", "schedule.images=0 0 0 1 1 ? 2099", "schedule.html_compile=0 0 0 1 1 ? 2099",
        "schedule.mautic_send=0 0 0 1 1 ? 2099", "schedule.social_sync=0 0 0 1 1 ? 2099"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NeedsRedis
class ClusteredScheduleTest {
    private static final String URL = PostgresServer.freshDatabase("aieditor_cluster");
    private static final RedisServer REDIS = RedisServer.start("cluster");
    private static final String REDIS_URL = REDIS.url();
    private static final String SECRET = "cluster-test-secret";
    private static final Duration EVERY = Duration.ofSeconds(2);
    private static final List<ChildJvm> CHILDREN = new ArrayList<>();
    private static ChildJvm web;
    private static ChildJvm worker;
    private static ChildJvm other;

    static {
        System.setProperty("db.database-url", URL);
        System.setProperty("queue.redis-url", REDIS_URL);
        System.setProperty("camel.server.port", String.valueOf(Network.freePort()));
    }

    @BeanInject
    CamelContext context;

    /** Another process of the application on the same database, Redis and crons, in the given role. */
    private static ChildJvm start(String role) {
        Map<String, String> p = new HashMap<>(Map.of("db.database-url", URL, "queue.redis-url", REDIS_URL,
                "camel.server.port", String.valueOf(Network.freePort()), "aieditor.data-dir", "target/test-data/cluster-" + role,
                "api.trigger-secret", SECRET, "schedule.prefilter", "0/2 * * * * ?"));
        for (String step : BundledSteps.steps().ids()) {
            if (!step.equals("prefilter")) {
                p.put("schedule." + step, "0 0 0 1 1 ? 2099");
            }
        }
        ChildJvm jvm = ChildJvm.start("cluster-" + role, p, "serve", "--role", role);
        CHILDREN.add(jvm);
        return jvm;
    }

    /** The web, worker and second scheduler processes, started once for the class. */
    private static void startCluster() {
        if (web == null) {
            web = start("web");
            worker = start("worker");
            other = start("scheduler");
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> web.ready() && worker.ready() && other.ready());
    }

    @AfterAll
    static void stop() {
        CHILDREN.forEach(ChildJvm::stopQuietly);
        REDIS.close();
    }

    @Test
    @Order(1)
    void should_fire_each_cron_once_and_lose_none_with_web_and_worker_processes_beside_two_schedulers() throws Exception {
        JdbcTemplate jdbc = jdbc();
        // this scheduler steps aside while the others start, so the cron goes to whichever process joins first
        Scheduler mine = scheduler();
        mine.standby();
        startCluster();
        mine.start();
        Instant from = Instant.now();
        // which Quartz instances hold or fire a trigger, sampled while the cron fires six times
        Set<String> firing = new HashSet<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            firing.addAll(jdbc.queryForList("SELECT DISTINCT instance_name FROM qrtz_fired_triggers", String.class));
            return fireTimes(jdbc, from).size() >= 6;
        });
        List<Instant> fires = fireTimes(jdbc, from);

        // none lost: one job every two seconds from the first to the last, and one job per fire
        assertThat(missing(fires.get(0), fires.get(fires.size() - 1), fires)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) - COUNT(DISTINCT fire_time) FROM jobs WHERE step = 'prefilter'",
                Long.class)).isZero();
        // the schedule lives in PostgreSQL as a Quartz cluster under the shared name
        assertThat(mine.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(mine.getMetaData().getJobStoreClass().getSimpleName()).isEqualTo("JobStoreTX");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = 'ai-editor'",
                Long.class)).isEqualTo(2);
        // only the two schedulers are Quartz instances at all, and only they hold or fire triggers
        List<String> instances = jdbc.queryForList("SELECT instance_name FROM qrtz_scheduler_state", String.class);
        assertThat(instances).hasSize(2).contains(mine.getSchedulerInstanceId());
        assertThat(instances).containsAll(firing);
        // the web process, which runs no scheduler, still shows the cluster's next fires and the misfire policy
        JsonNode queue = new ObjectMapper().readTree(web.get("/jobs/queue", SECRET).body());
        assertThat(queue.path("next_fires").findValuesAsText("trigger")).contains("pipeline/prefilter");
        assertThat(queue.path("schedule").path("misfire_threshold_seconds").asInt()).isEqualTo(300);
        assertThat(queue.path("schedule").path("misfire_policy").asText()).startsWith("catch up");
        // and the jobs ran, taken from Redis by the worker or this process
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE "
                + "step = 'prefilter' AND fire_time >= ? AND fire_time <= ? AND status <> 'completed'", Long.class,
                Sql.ts(fires.get(0)), Sql.ts(fires.get(fires.size() - 1))) == 0);
    }

    @Test
    @Order(2)
    void should_take_over_within_30_seconds_when_the_firing_scheduler_is_killed_and_catch_up_each_fire() throws Exception {
        JdbcTemplate jdbc = jdbc();
        startCluster();
        handCronToOther(jdbc);
        Instant lastBefore = fireTimes(jdbc, Instant.EPOCH).get(fireTimes(jdbc, Instant.EPOCH).size() - 1);

        // the scheduler that fires dies without a word; this one must notice (its last check-in plus Quartz's grace)
        other.kill();
        Instant killed = Instant.now();
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM jobs WHERE step = 'prefilter' AND created_at > ?", Long.class, Sql.ts(killed)) > 0);
        Instant takeover = jdbc.queryForObject("SELECT MIN(created_at) FROM jobs WHERE step = 'prefilter' AND created_at > ?",
                OffsetDateTime.class, Sql.ts(killed)).toInstant();
        // then it catches up and fires on time again
        await().atMost(Duration.ofSeconds(30)).until(() -> fireTimes(jdbc, takeover.plus(EVERY)).size() >= 2);

        List<Instant> fires = fireTimes(jdbc, lastBefore.minusMillis(1));
        Instant last = fires.get(fires.size() - 1);
        List<Instant> recordedMissed = jdbc.queryForList("SELECT fire_time FROM missed_fires WHERE step = 'prefilter'",
                OffsetDateTime.class).stream().map(OffsetDateTime::toInstant).toList();
        Set<Instant> accounted = new HashSet<>(fires);
        accounted.addAll(recordedMissed);
        List<Instant> caughtUp = fires.stream().filter(t -> t.isAfter(lastBefore) && t.isBefore(takeover)).toList();
        Duration gap = Duration.between(killed, takeover);
        System.out.printf("Takeover after SIGKILL of the firing scheduler: %.1f s; %d fires caught up, %d recorded as missed.%n",
                gap.toMillis() / 1000.0, caughtUp.size(), recordedMissed.size());

        assertThat(gap).isLessThan(Duration.ofSeconds(30));
        // every fire from the last one before the kill on ran, or (one the dead process took and lost) is recorded
        assertThat(missing(lastBefore, last, accounted)).isEmpty();
        // the fires due after the kill all ran late, as the fires they were (their own scheduled times)
        assertThat(missing(lastBefore, last, fires).stream().filter(t -> t.isAfter(killed))).isEmpty();
        assertThat(missing(lastBefore, last, fires)).hasSizeLessThanOrEqualTo(1);
        assertThat(fires).allMatch(t -> t.toEpochMilli() % EVERY.toMillis() == 0);
        // each fire due while no scheduler fired was caught up, as many as the takeover took (one may be recorded missed)
        long due = (takeover.toEpochMilli() - 1) / EVERY.toMillis() - lastBefore.toEpochMilli() / EVERY.toMillis();
        assertThat(caughtUp).isNotEmpty().hasSizeGreaterThanOrEqualTo((int) due - 1);
        // still one job per fire, and the cluster alone saw to it: no process had to refuse a second queueing
        assertThat(jdbc.queryForObject("SELECT COUNT(*) - COUNT(DISTINCT fire_time) FROM jobs WHERE step = 'prefilter'",
                Long.class)).isZero();
        assertThat(other.log()).doesNotContain("not queueing it twice");
    }

    /**
     * Makes the other scheduler the one that fires. The scheduler that fires takes the next fire as soon as it has
     * fired, so a standing-by one gets the cron only when the holder lets go: this one stands aside until the other
     * holds it.
     */
    private void handCronToOther(JdbcTemplate jdbc) throws Exception {
        Scheduler mine = scheduler();
        String me = mine.getSchedulerInstanceId();
        if (!holders(jdbc).isEmpty() && !holders(jdbc).contains(me)) {
            return;
        }
        mine.standby();
        await().atMost(Duration.ofSeconds(60)).until(() -> !holders(jdbc).isEmpty() && !holders(jdbc).contains(me));
        mine.start();
    }

    /** The Quartz instances that hold (acquired) or fire the prefilter cron now. */
    private static List<String> holders(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT instance_name FROM qrtz_fired_triggers WHERE trigger_name = 'prefilter'", String.class);
    }

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    private Scheduler scheduler() {
        return context.getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    /** The fire times of the prefilter jobs after {@code from}, in order. */
    private static List<Instant> fireTimes(JdbcTemplate jdbc, Instant from) {
        return jdbc.queryForList("SELECT fire_time FROM jobs WHERE step = 'prefilter' AND fire_time > ? ORDER BY fire_time",
                OffsetDateTime.class, Sql.ts(from)).stream().map(OffsetDateTime::toInstant).toList();
    }

    /** The cron's fire times from {@code first} to {@code last} that are not among {@code seen}. */
    private static List<Instant> missing(Instant first, Instant last, java.util.Collection<Instant> seen) {
        List<Instant> missing = new ArrayList<>();
        for (Instant t = first; !t.isAfter(last); t = t.plus(EVERY)) {
            if (!seen.contains(t)) {
                missing.add(t);
            }
        }
        return missing;
    }
}
