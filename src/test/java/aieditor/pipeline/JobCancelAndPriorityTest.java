package aieditor.pipeline;

import aieditor.ai.ScoringProvider;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One worker, held by a hung job: queued jobs wait in priority order and can be cancelled; the hung one too. */
@CamelMainTest(properties = {
        "db.url=jdbc:h2:mem:cancel-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "schedule.enabled=false", "aieditor.data-dir=target/test-data", "queue.workers=1",
        "jobs.max-attempts=1", "jobs.poll-period-ms=100", "retry.max-redeliveries=0"})
class JobCancelAndPriorityTest {
    @BeanInject
    CamelContext context;

    @ReplaceInRegistry
    ScoringProvider scoringProvider = new BlockingScorer();

    private JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", DataSource.class));
    }

    private String trigger(String step) {
        context.createProducerTemplate().sendBodyAndHeaders("direct:enqueue", null,
                Map.of(JobHeaders.STEP, step, JobHeaders.ISSUE_DATE, "2026-11-20", JobHeaders.TRIGGER, "test"));
        return jdbc().queryForObject("SELECT id FROM jobs WHERE step = ? ORDER BY created_at DESC LIMIT 1", String.class, step);
    }

    private String status(String jobId) {
        return jdbc().queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, jobId);
    }

    @Test
    void should_cancel_queued_and_running_jobs_and_start_waiting_jobs_by_priority() throws Exception {
        BlockingScorer scorer = (BlockingScorer) scoringProvider;
        JobCancellation jobs = context.getRegistry().lookupByNameAndType("jobCancellation", JobCancellation.class);
        String ingest = trigger("ingest");
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ingest).equals("completed"));

        String scoring = trigger("ai_scoring");
        assertThat(scorer.entered.await(30, TimeUnit.SECONDS)).isTrue();
        // the only worker is held: these wait, in the order they were triggered
        String lowToCancel = trigger("social_sync");
        String low = trigger("social_sync");
        String normal = trigger("prefilter");
        String high = trigger("slot_selection");

        assertThat(jobs.cancel(lowToCancel, "test")).isEqualTo(JobCancellation.CancelOutcome.CANCELLED);
        assertThat(status(lowToCancel)).isEqualTo("cancelled");
        assertThat(jobs.cancel(scoring, "test")).isEqualTo(JobCancellation.CancelOutcome.STOPPING);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(scoring).equals("cancelled"));
        assertThat(scorer.interrupted.get()).isPositive();
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM dead_letters WHERE job_id = ?", Long.class, scoring)).isZero();
        assertThat(jobs.cancel(scoring, "test")).isEqualTo(JobCancellation.CancelOutcome.ALREADY_FINISHED);

        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("completed", "dead").contains(status(low)));
        List<Map<String, Object>> started = jdbc().queryForList(
                "SELECT id, started_at FROM jobs WHERE id IN (?, ?, ?) ORDER BY started_at", high, normal, low);
        assertThat(started).extracting(r -> r.get("id")).containsExactly(high, normal, low);
        assertThat(jdbc().queryForObject("SELECT started_at FROM jobs WHERE id = ?", OffsetDateTime.class, lowToCancel)).isNull();
        scorer.release.countDown();
    }
}
