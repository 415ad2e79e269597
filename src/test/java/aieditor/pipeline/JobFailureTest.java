package aieditor.pipeline;

import aieditor.PipelineTestSupport;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobFailureTest extends PipelineTestSupport {

    @Test
    void should_dead_letter_a_step_that_keeps_failing_and_mark_its_job_dead() {
        Map<String, Object> job = runStep("mautic_send", LocalDate.of(2026, 11, 17));

        assertThat(job.get("status")).isEqualTo("dead");
        assertThat((String) job.get("error")).contains("not compiled yet");
        // retried as a whole until its attempts were used up; one dead letter, not one per attempt
        assertThat(job.get("attempt")).isEqualTo(3);
        assertThat(job.get("max_attempts")).isEqualTo(3);
        Map<String, Object> dl = jdbc().queryForMap("SELECT * FROM dead_letters");
        assertThat(dl.get("job_id")).isEqualTo(job.get("id"));
        assertThat(dl.get("step")).isEqualTo("mautic_send");
        assertThat(dl.get("route_id")).isEqualTo("mautic_send");
        assertThat(dl.get("slot")).isNull();
        assertThat(dl.get("error_type")).isEqualTo(IllegalStateException.class.getName());
        assertThat((String) dl.get("error_message")).contains("Issue 2026-11-17 is not compiled yet");
        // the original queue message, ready to be replayed
        assertThat((String) dl.get("original_message")).contains("\"jobId\":\"" + job.get("id") + "\"")
                .contains("\"step\":\"mautic_send\"").contains("\"issueDate\":\"2026-11-17\"");
        OffsetDateTime failed = (OffsetDateTime) dl.get("failed_at");
        OffsetDateTime expires = (OffsetDateTime) dl.get("expires_at");
        assertThat(Duration.between(failed, expires)).isEqualTo(Duration.ofDays(7));
        assertThat(count("SELECT COUNT(*) FROM deliveries")).isZero();
    }

    @Test
    void should_refuse_an_unknown_step_and_name_the_valid_ones() {
        assertThatThrownBy(() -> context.createProducerTemplate().sendBodyAndHeaders("direct:enqueue", null,
                Map.of(Jobs.STEP, "publish_everything", Jobs.TRIGGER, "test")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("Unknown step 'publish_everything'; valid steps: [ingest, ai_scoring, prefilter, "
                        + "slot_selection, decoration, images, html_compile, mautic_send, social_sync]");
        assertThat(count("SELECT COUNT(*) FROM jobs")).isZero();
    }
}
