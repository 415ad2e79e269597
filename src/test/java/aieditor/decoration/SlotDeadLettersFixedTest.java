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
import static org.assertj.core.groups.Tuple.tuple;

/**
 * A failed slot's dead letter stays open while the slot is not decorated - through the job that failed it, which
 * completes with the other four, and through a re-run that fails it again - and is fixed by the re-run that
 * decorates it.
 */
class SlotDeadLettersFixedTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 10, 20);

    private final AtomicLong failingArticle = new AtomicLong(-1);

    /** The offline decorator, except that it refuses one chosen article while the test wants it to. */
    @ReplaceInRegistry
    DecorationProvider decorationProvider = FaultyProviders.decoration(failingArticle, new AtomicInteger());

    @Test
    void should_mark_a_slot_dead_letter_fixed_only_by_the_run_that_decorates_the_slot() {
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection")) {
            assertThat(runStep(step, DATE).get("status")).isEqualTo("completed");
        }
        failingArticle.set(jdbc().queryForObject("SELECT article_id FROM slot_selections WHERE issue_date = ? AND slot = 3",
                Long.class, DATE));

        Map<String, Object> first = runStep("decoration", DATE);
        assertThat(first.get("status")).isEqualTo("completed");
        assertThat(open()).as("the completed job does not fix the slot it failed").hasSize(1);

        Map<String, Object> stillFailing = runStep("decoration", DATE);
        assertThat(stillFailing.get("status")).isEqualTo("completed");
        assertThat(open()).as("a re-run that fails the slot again fixes nothing").hasSize(2);

        failingArticle.set(-1);
        Map<String, Object> fixing = runStep("decoration", DATE);
        assertThat(fixing.get("status")).isEqualTo("completed");
        assertThat(open()).isEmpty();
        assertThat(rows("SELECT slot, resolved_by_job FROM dead_letters ORDER BY id"))
                .extracting(r -> r.get("slot"), r -> r.get("resolved_by_job"))
                .containsExactly(tuple(3, fixing.get("id")), tuple(3, fixing.get("id")));
        assertThat(rows("SELECT resolved_at FROM dead_letters")).allSatisfy(r -> assertThat(r.get("resolved_at")).isNotNull());
    }

    private List<Map<String, Object>> open() {
        return rows("SELECT * FROM dead_letters WHERE resolved_at IS NULL");
    }
}
