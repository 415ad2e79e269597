package aieditor.pipeline;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs whose holder is gone (the process died: its heartbeats stopped) are queued again and run - as redeliveries,
 * which use up none of their attempts; a cancel holds through it, and a job that keeps losing its worker is dead.
 */
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

    @Test
    void should_keep_a_cancelled_job_cancelled_when_its_worker_is_lost() throws Exception {
        job("00000000-0000-0000-0000-00000000000d", "running");
        jdbc().update("UPDATE jobs SET cancel_requested_at = CURRENT_TIMESTAMP WHERE id = ?", "00000000-0000-0000-0000-00000000000d");

        context.getRouteController().startRoute("job-recovery");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT COUNT(*) FROM jobs WHERE status = 'cancelled'") == 1);
        assertThat(jdbc().queryForObject("SELECT attempt FROM jobs WHERE id = ?", Integer.class,
                "00000000-0000-0000-0000-00000000000d")).as("not started again").isEqualTo(1);
    }

    @Test
    void should_bury_a_job_that_lost_its_worker_more_often_than_its_redelivery_budget() throws Exception {
        job("00000000-0000-0000-0000-00000000000e", "running");
        jdbc().update("UPDATE jobs SET redeliveries = 10, max_redeliveries = 10 WHERE id = ?", "00000000-0000-0000-0000-00000000000e");

        context.getRouteController().startRoute("job-recovery");

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM jobs WHERE status = 'dead'") == 1
                && count("SELECT COUNT(*) FROM dead_letters") == 1);
        assertThat(jdbc().queryForObject("SELECT error FROM jobs WHERE id = ?", String.class, "00000000-0000-0000-0000-00000000000e"))
                .contains("gone").contains("taken over 10 times");
        assertThat(count("SELECT COUNT(*) FROM dead_letters WHERE job_id = ?", "00000000-0000-0000-0000-00000000000e")).isEqualTo(1);
    }

    @Test
    void should_leave_a_queued_job_to_its_holder_while_that_process_beats() throws Exception {
        // another process holds a job in its in-memory queue and beats; a job nobody holds is put back meanwhile
        jdbc().update("INSERT INTO job_holders (id, name, heartbeat_at) VALUES ('live-peer', '4343@peer', ?)",
                Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
        job("00000000-0000-0000-0000-00000000000f", "queued");
        jdbc().update("UPDATE jobs SET held_by = 'live-peer' WHERE id = ?", "00000000-0000-0000-0000-00000000000f");
        job("00000000-0000-0000-0000-000000000010", "queued");

        context.getRouteController().startRoute("job-recovery");

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status("00000000-0000-0000-0000-000000000010")));
        assertThat(status("00000000-0000-0000-0000-00000000000f")).as("held by a live process").isEqualTo("queued");

        // the peer dies: its last beat gets old, and the job it held is taken up here
        jdbc().update("UPDATE job_holders SET heartbeat_at = ? WHERE id = 'live-peer'", Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status("00000000-0000-0000-0000-00000000000f")));
    }

    private String status(String jobId) {
        return jdbc().queryForObject("SELECT status FROM jobs WHERE id = ?", String.class, jobId);
    }
}
