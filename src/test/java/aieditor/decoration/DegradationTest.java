package aieditor.decoration;

import aieditor.PipelineTestSupport;
import aieditor.ai.BoldingProvider;
import aieditor.ai.CleaningProvider;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Graceful degradation: cleaning and bolding may fail without losing a story. */
class DegradationTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 18);

    private final AtomicBoolean cleaningDown = new AtomicBoolean();
    private final AtomicBoolean boldingDown = new AtomicBoolean();

    @ReplaceInRegistry
    CleaningProvider cleaningProvider = FaultyProviders.cleaning(cleaningDown);

    @ReplaceInRegistry
    BoldingProvider boldingProvider = FaultyProviders.bolding(boldingDown);

    @Test
    void should_decorate_from_raw_text_when_cleaning_fails() throws Exception {
        cleaningDown.set(true);

        runPipeline(DATE);

        List<Map<String, Object>> decorations = rows("SELECT * FROM decorations WHERE issue_date = ?", DATE);
        assertThat(decorations).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("status")).isEqualTo("decorated");
            assertThat(d.get("clean_fallback")).isEqualTo(true);
            assertThat(d.get("bold_fallback")).isEqualTo(false);
            assertThat((String) d.get("bullets")).doesNotContain("<p>").doesNotContain("<div");
        });
        assertThat(count("SELECT COUNT(*) FROM dead_letters")).isZero();
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'")).isEqualTo(1);
    }

    @Test
    void should_send_unbolded_bullets_when_bolding_fails() throws Exception {
        boldingDown.set(true);

        runPipeline(DATE);

        List<Map<String, Object>> decorations = rows("SELECT * FROM decorations WHERE issue_date = ?", DATE);
        assertThat(decorations).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("bold_fallback")).isEqualTo(true);
            assertThat((String) d.get("bullets")).doesNotContain("**");
        });
        String html = jdbc().queryForObject("SELECT html FROM issues WHERE issue_date = ?", String.class, DATE);
        assertThat(html).doesNotContain("<strong>");
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'")).isEqualTo(1);
    }
}
