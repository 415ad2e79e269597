package aieditor.pipeline;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every step works as its own job, the way the schedule and operators trigger them, on its own queue. */
class StepByStepTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 21);

    @Test
    void should_run_each_step_as_its_own_job_on_its_queue() {
        for (Step step : BundledSteps.steps().all()) {
            Map<String, Object> job = runStep(step.id(), DATE);
            assertThat(job.get("status")).as(step.id()).isEqualTo("completed");
            assertThat(job.get("queue")).as(step.id()).isEqualTo(step.queue().id());
            assertThat(job.get("trigger_kind")).isEqualTo("test");
            assertThat(job.get("chain_id")).isNull();
            assertThat((String) job.get("result")).as(step.id()).contains("\"processed\":").contains("\"written\":");
        }
        // the chain did not run on: one job per step
        assertThat(count("SELECT COUNT(*) FROM jobs")).isEqualTo(BundledSteps.steps().all().size());
        assertThat(count("SELECT COUNT(*) FROM social_posts")).isEqualTo(5);
        assertThat(jdbc().queryForObject("SELECT status FROM issues WHERE issue_date = ?", String.class, DATE)).isEqualTo("sent");
    }

    @Test
    void should_send_an_issue_once_however_often_send_is_triggered() {
        for (String step : new String[]{"ingest", "ai_scoring", "prefilter", "slot_selection", "decoration", "images", "html_compile"}) {
            runStep(step, DATE);
        }
        assertThat((String) runStep("mautic_send", DATE).get("progress"))
                .startsWith("sent through outbox to target/test-data/outbox/2026-11-21, message ")
                .endsWith(" bytes, 5 images inside the message (" + count("SELECT SUM(bytes) FROM images") + " bytes)");

        Map<String, Object> second = runStep("mautic_send", DATE);

        assertThat(second.get("status")).isEqualTo("completed");
        assertThat(second.get("progress")).isEqualTo("already sent, nothing new");
        assertThat(count("SELECT COUNT(*) FROM deliveries")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'issue.sent'")).isEqualTo(1);
    }

    @Test
    void should_replace_the_prefilter_log_when_prefilter_runs_again() {
        runStep("ingest", DATE);
        runStep("ai_scoring", DATE);
        runStep("prefilter", DATE);
        long first = count("SELECT COUNT(*) FROM prefilter_log WHERE issue_date = ?", DATE);

        runStep("prefilter", DATE);

        assertThat(first).isPositive();
        assertThat(count("SELECT COUNT(*) FROM prefilter_log WHERE issue_date = ?", DATE)).isEqualTo(first);
    }

    @Test
    void should_split_a_scoring_backlog_between_shard_jobs_without_scoring_an_article_twice() {
        runStep("ingest", DATE);
        Triggers triggers = context.getRegistry().lookupByNameAndType("triggers", Triggers.class);
        String even = triggers.step("ai_scoring", DATE, java.util.Map.of("shard", 0, "shards", 2), "test");
        String odd = triggers.step("ai_scoring", DATE, java.util.Map.of("shard", "1", "shards", "2"), "test");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                count("SELECT COUNT(*) FROM jobs WHERE id IN (?, ?) AND status = 'completed'", even, odd) == 2);

        long scored = count("SELECT COUNT(*) FROM scores");
        runStep("ai_scoring", DATE);
        assertThat(lastJob("ai_scoring").get("result").toString()).contains("\"processed\":0");
        assertThat(scored).isPositive().isEqualTo(count("SELECT COUNT(DISTINCT article_id) FROM scores"));
        assertThat(count("SELECT COUNT(*) FROM scores WHERE MOD(article_id, 2) = 0")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM scores WHERE MOD(article_id, 2) = 1")).isPositive();
    }
}
