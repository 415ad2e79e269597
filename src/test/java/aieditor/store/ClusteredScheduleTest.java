package aieditor.store;

import aieditor.Application;
import aieditor.ChildJvm;
import aieditor.pipeline.Step;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two scheduler processes on one PostgreSQL: this test's application and a second JVM. Every fire of a cron that
 * runs every two seconds queues exactly one job; when this one stands by the other fires, and when the other is
 * killed this one goes on alone.
 */
@CamelMainTest(mainClass = Application.class, properties = {
        "schedule.enabled=true", "schedule.prefilter=0/2 * * * * ?", "aieditor.data-dir=target/test-data/cluster",
        "schedule.ingest=0 0 0 1 1 ? 2099", "schedule.ai_scoring=0 0 0 1 1 ? 2099", "schedule.slot_selection=0 0 0 1 1 ? 2099",
        "schedule.decoration=0 0 0 1 1 ? 2099", "schedule.images=0 0 0 1 1 ? 2099", "schedule.html_compile=0 0 0 1 1 ? 2099",
        "schedule.mautic_send=0 0 0 1 1 ? 2099", "schedule.social_sync=0 0 0 1 1 ? 2099"})
class ClusteredScheduleTest {
    private static final String DATABASE = "aieditor_cluster_" + ProcessHandle.current().pid();
    private static final String URL = "postgresql://postgres@127.0.0.1:5432/" + DATABASE;
    private static ChildJvm other;

    static {
        admin("DROP DATABASE IF EXISTS " + DATABASE);
        admin("CREATE DATABASE " + DATABASE);
        System.setProperty("db.database-url", URL);
        System.setProperty("camel.server.port", String.valueOf(ChildJvm.freePort()));
    }

    @BeanInject
    CamelContext context;

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL must answer on 127.0.0.1:5432 (.ci/run starts it): " + e.getMessage(), e);
        }
    }

    /** The second scheduler: the same application in its own JVM, same database, same crons. */
    private static ChildJvm startOther() {
        Map<String, String> p = new java.util.HashMap<>(Map.of("db.database-url", URL,
                "camel.server.port", String.valueOf(ChildJvm.freePort()), "aieditor.data-dir", "target/test-data/cluster-other",
                "schedule.prefilter", "0/2 * * * * ?"));
        for (Step step : Step.values()) {
            if (step != Step.PREFILTER) {
                p.put("schedule." + step.id(), "0 0 0 1 1 ? 2099");
            }
        }
        return ChildJvm.start("cluster-other", p, "serve");
    }

    @AfterAll
    static void stop() {
        if (other != null) {
            other.stopQuietly();
        }
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void should_fire_each_cron_once_across_two_schedulers_and_survive_the_loss_of_one() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        other = startOther();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = 'ai-editor'", Long.class) >= 2);
        long before = fires(jdbc);
        await().atMost(Duration.ofSeconds(60)).until(() -> fires(jdbc) >= before + 4);

        // this scheduler steps aside: the other process must pick the crons up
        org.quartz.Scheduler mine = context.getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class).getScheduler();
        mine.standby();
        long aside = fires(jdbc);
        await().atMost(Duration.ofSeconds(60)).until(() -> fires(jdbc) >= aside + 4);
        // the other process queued and ran them (its log says so)
        await().atMost(Duration.ofSeconds(30)).until(() -> other.log().contains("Job complete"));

        // the other process dies without a word; this one comes back and goes on alone
        other.kill();
        mine.start();
        long atKill = fires(jdbc);
        await().atMost(Duration.ofSeconds(60)).until(() -> fires(jdbc) >= atKill + 3);

        // one job per cron fire, and the cluster alone saw to it: neither process had to refuse a second queueing
        // (one query: the cron goes on firing, so two counts taken one after the other may see different jobs)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) - COUNT(DISTINCT fire_time) FROM jobs WHERE step = 'prefilter'",
                Long.class)).isZero();
        assertThat(other.log()).doesNotContain("not queueing it twice");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE step = 'prefilter' AND trigger_kind = 'cron'", Long.class))
                .isGreaterThanOrEqualTo(11);
    }

    private static long fires(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE step = 'prefilter'", Long.class);
    }
}
