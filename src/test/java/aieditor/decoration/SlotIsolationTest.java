package aieditor.decoration;

import aieditor.PipelineTestSupport;
import aieditor.ai.DecorationProvider;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SlotIsolationTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 19);

    private final AtomicLong failingArticle = new AtomicLong(-1);
    private final AtomicInteger failedCalls = new AtomicInteger();

    /** The offline decorator, except that it always refuses one chosen article. */
    @ReplaceInRegistry
    DecorationProvider decorationProvider = FaultyProviders.decoration(failingArticle, failedCalls);

    @Test
    void should_decorate_four_slots_and_dead_letter_the_one_that_throws() {
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection")) {
            assertThat(runStep(step, DATE).get("status")).isEqualTo("completed");
        }
        long slot2Article = jdbc().queryForObject(
                "SELECT article_id FROM slot_selections WHERE issue_date = ? AND slot = 2", Long.class, DATE);
        failingArticle.set(slot2Article);

        Map<String, Object> job = runStep("decoration", DATE);

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat((String) job.get("result")).contains("\"slot\":2").contains("model refused this story")
                .contains("\"written\":4");
        List<Map<String, Object>> decorations = rows("SELECT slot, status, error FROM decorations WHERE issue_date = ? ORDER BY slot", DATE);
        assertThat(decorations).extracting(d -> d.get("status"))
                .containsExactly("decorated", "failed", "decorated", "decorated", "decorated");
        assertThat((String) decorations.get(1).get("error")).contains("model refused this story");

        List<Map<String, Object>> deadLetters = rows("SELECT * FROM dead_letters");
        assertThat(deadLetters).hasSize(1);
        Map<String, Object> dl = deadLetters.get(0);
        assertThat(dl.get("slot")).isEqualTo(2);
        assertThat(dl.get("step")).isEqualTo("decoration");
        assertThat(dl.get("route_id")).isEqualTo("decorate-slot");
        assertThat(dl.get("job_id")).isEqualTo(job.get("id"));
        assertThat(dl.get("error_type")).isEqualTo(IllegalStateException.class.getName());
        assertThat((String) dl.get("original_message")).contains("\"articleId\":" + slot2Article);
        // first attempt plus the configured redeliveries (test.properties: 2)
        assertThat(failedCalls.get()).isEqualTo(3);

        // the issue goes on with four stories
        assertThat(runStep("images", DATE).get("status")).isEqualTo("completed");
        assertThat(runStep("html_compile", DATE).get("status")).isEqualTo("completed");
        String html = jdbc().queryForObject("SELECT html FROM issues WHERE issue_date = ?", String.class, DATE);
        assertThat(html.split("data-slot=", -1)).hasSize(5);
    }
}
