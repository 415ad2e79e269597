package aieditor.pipeline;

import aieditor.ai.ScoringProvider;
import aieditor.fixtures.SettableClock;
import aieditor.fixtures.SettableClockConfiguration;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A step that hangs past its timeout (the default 30 minutes, reached by moving the application's clock) is failed,
 * its blocked calls interrupted, and it is dead-lettered - and not a second before.
 */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:timeout-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data", "jobs.poll-period-ms=100"})
class JobTimeoutTest {
    @BeanInject
    CamelContext context;

    @ReplaceInRegistry
    ScoringProvider scoringProvider = new BlockingScorer();

    @Configure
    void settableClock(MainConfigurationProperties main) {
        SettableClockConfiguration.addTo(main);
    }

    @Test
    void should_fail_and_interrupt_a_job_that_runs_past_its_timeout() throws Exception {
        SettableClock clock = context.getRegistry().lookupByNameAndType("clock", SettableClock.class);
        assertThat(clock).as("the application's clock").isNotNull();
        JdbcTemplate jdbc = new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
        BlockingScorer scorer = (BlockingScorer) scoringProvider;
        var template = context.createProducerTemplate();
        template.sendBodyAndHeaders("direct:enqueue", null, Map.of(JobHeaders.STEP, "ingest", JobHeaders.ISSUE_DATE, "2026-11-20", JobHeaders.TRIGGER, "test"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForList("SELECT id FROM jobs WHERE step = 'ingest' AND status = 'completed'").size() == 1);

        template.sendBodyAndHeaders("direct:enqueue", null, Map.of(JobHeaders.STEP, "ai_scoring", JobHeaders.ISSUE_DATE, "2026-11-20", JobHeaders.TRIGGER, "test"));
        assertThat(scorer.entered.await(30, TimeUnit.SECONDS)).isTrue();

        // a second short of its timeout, through several watchdog rounds, it runs on
        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> "running".equals(
                jdbc.queryForObject("SELECT status FROM jobs WHERE step = 'ai_scoring'", String.class)));
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(
                jdbc.queryForObject("SELECT status FROM jobs WHERE step = 'ai_scoring'", String.class)));
        Map<String, Object> job = jdbc.queryForMap("SELECT * FROM jobs WHERE step = 'ai_scoring'");
        assertThat((String) job.get("error")).isEqualTo("timed out after 1800 s");
        assertThat(job.get("finished_at")).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> scorer.interrupted.get() > 0);
        Map<String, Object> dl = jdbc.queryForMap("SELECT * FROM dead_letters");
        assertThat(dl.get("job_id")).isEqualTo(job.get("id"));
        assertThat(dl.get("error_type")).isEqualTo(JobStoppedException.class.getName());
        // the worker lets go of the job and the record stays failed
        await().atMost(Duration.ofSeconds(10)).until(() ->
                context.getRegistry().lookupByNameAndType("jobControl", JobControl.class).runningCount() == 0);
        assertThat(jdbc.queryForObject("SELECT status FROM jobs WHERE step = 'ai_scoring'", String.class)).isEqualTo("failed");
        scorer.release.countDown();
    }
}
