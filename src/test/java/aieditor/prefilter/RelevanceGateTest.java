package aieditor.prefilter;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Freshness alone never selects a story: an off-topic article is excluded however new it is. */
class RelevanceGateTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    @Test
    void should_exclude_a_fresh_off_topic_story_and_say_why() {
        runStep("ingest", DATE);
        runStep("ai_scoring", DATE);
        runStep("prefilter", DATE);

        // The bundled football report is an hour old: on recency it scores above prefilter.min-score.
        List<Map<String, Object>> football = rows("SELECT s.total, s.relevance, p.decision, p.reason FROM articles a "
                + "JOIN scores s ON s.article_id = a.id JOIN prefilter_log p ON p.article_id = a.id AND p.step = 'prefilter' "
                + "WHERE a.title LIKE 'Herons edge Millbrook%' AND p.issue_date = ?", DATE);
        assertThat(football).singleElement().satisfies(r -> {
            assertThat(((Number) r.get("total")).doubleValue()).isGreaterThan(35);
            assertThat(r.get("decision")).isEqualTo("exclude");
            assertThat(r.get("reason")).isEqualTo("relevance 0.00 below minimum 0.2");
        });
        assertThat(count("SELECT COUNT(*) FROM prefilter_log p JOIN scores s ON s.article_id = p.article_id "
                + "WHERE p.issue_date = ? AND p.decision = 'pass' AND s.relevance < 0.2", DATE)).isZero();

        runStep("slot_selection", DATE);
        assertThat(count("SELECT COUNT(*) FROM slot_selections WHERE issue_date = ?", DATE)).isEqualTo(5);
    }
}
