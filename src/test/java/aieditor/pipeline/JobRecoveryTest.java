package aieditor.pipeline;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The embedded service comes back after dying: jobs only its memory held are queued again and run. */
class JobRecoveryTest extends PipelineTestSupport {

    private void job(String id, String status) {
        jdbc().update("INSERT INTO jobs (id, step, queue, status, issue_date, trigger_kind, params, attempt, max_attempts, "
                        + "created_at, started_at, worker) VALUES (?, 'prefilter', 'default', ?, ?, 'rest', '{}', ?, 3, ?, ?, ?)",
                id, status, LocalDate.of(2026, 11, 20), status.equals("running") ? 1 : 0, Timestamp.from(Instant.now()),
                status.equals("running") ? Timestamp.from(Instant.now()) : null, status.equals("running") ? "4242@gone" : null);
    }

    @Test
    void should_queue_again_and_run_jobs_left_queued_or_running_when_the_service_stopped() throws Exception {
        job("00000000-0000-0000-0000-00000000000a", "running");
        job("00000000-0000-0000-0000-00000000000b", "queued");
        job("00000000-0000-0000-0000-00000000000c", "completed");

        context.getRouteController().startRoute("job-recovery");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT COUNT(*) FROM jobs WHERE status = 'completed'") == 3);
        // losing its process is a redelivery, not a failed attempt
        assertThat(jdbc().queryForObject("SELECT attempt FROM jobs WHERE id = ?", Integer.class,
                "00000000-0000-0000-0000-00000000000a")).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT redeliveries FROM jobs WHERE id = ?", Integer.class,
                "00000000-0000-0000-0000-00000000000a")).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT attempt FROM jobs WHERE id = ?", Integer.class,
                "00000000-0000-0000-0000-00000000000b")).isEqualTo(1);
    }
}
