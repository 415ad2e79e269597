package aieditor.slot_selection;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seen with feeds that carry no AI news: nothing passed the prefilter, and slot_selection was redelivered and
 * retried for three and a half minutes before it said so, though selecting again can only find the same nothing.
 * It now fails at its first attempt, with its dead letter and the reason.
 */
class NothingToSelectTest extends PipelineTestSupport {

    @Test
    void should_fail_at_once_when_no_article_passed_the_prefilter() {
        LocalDate date = LocalDate.of(2026, 11, 20);
        Map<String, Object> job = runStep("slot_selection", date);

        assertThat(job.get("status")).isEqualTo("failed");
        assertThat(job.get("attempt")).isEqualTo(1);
        assertThat((String) job.get("error")).isEqualTo("No article passed the prefilter for issue 2026-11-20: nothing to "
                + "select (the prefilter log says why each was excluded)");
        assertThat(count("SELECT COUNT(*) FROM dead_letters WHERE job_id = ?", job.get("id"))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE step = 'slot_selection'")).isEqualTo(1);
    }
}
