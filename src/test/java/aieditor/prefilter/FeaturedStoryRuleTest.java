package aieditor.prefilter;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A story featured in the last 14 days is never featured again, and the log says why. The samples are read as a
 * live feed would be (no replay): replayed, each issue date gets its own copy of the recording.
 */
class FeaturedStoryRuleTest extends PipelineTestSupport {
    static {
        // read by the application's properties before the Camel context starts (each test class has its own JVM)
        System.setProperty("ingest.replay-dates", "false");
    }

    @Test
    void should_not_feature_a_story_again_within_fourteen_days() throws Exception {
        LocalDate monday = LocalDate.of(2026, 11, 21);
        LocalDate tuesday = monday.plusDays(1);
        runPipeline(monday);
        List<Long> featuredMonday = jdbc().queryForList(
                "SELECT article_id FROM slot_selections WHERE issue_date = ? ORDER BY slot", Long.class, monday);

        runPipeline(tuesday);

        List<Long> featuredTuesday = jdbc().queryForList(
                "SELECT article_id FROM slot_selections WHERE issue_date = ?", Long.class, tuesday);
        assertThat(featuredMonday).hasSize(5);
        assertThat(featuredTuesday).hasSize(5).doesNotContainAnyElementsOf(featuredMonday);
        List<Long> excluded = jdbc().queryForList("SELECT article_id FROM prefilter_log WHERE issue_date = ? AND step = 'prefilter' "
                + "AND decision = 'exclude' AND reason = 'featured on 2026-11-21 (within 14 days)'", Long.class, tuesday);
        assertThat(excluded).containsExactlyInAnyOrderElementsOf(featuredMonday);
    }
}
