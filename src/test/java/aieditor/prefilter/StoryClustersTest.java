package aieditor.prefilter;

import aieditor.PipelineTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same story from three sources (reworded headlines, other links) is one story in the issue, told from its
 * best-scored report, with the other two under it as "Also reported by" in the HTML and the text part; the prefilter
 * log names which article each was merged into.
 */
class StoryClustersTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    static {
        // read by the application's properties before the Camel context starts (each test class has its own JVM)
        System.setProperty("ingest.feeds", "samples/feeds,src/test/resources/ingest/clusters");
    }

    @Test
    void should_tell_one_story_from_its_best_source_and_name_the_others() throws Exception {
        runPipeline(DATE);

        // readers see each source's display name: its feed's title
        List<Map<String, Object>> reports = rows("SELECT a.id, a.source AS slug, n.display_name AS source, a.url, a.story_url, "
                + "s.total FROM articles a JOIN scores s ON s.article_id = a.id JOIN source_names n ON n.slug = a.source WHERE a.title LIKE 'Tessellate Labs releases%' ORDER BY s.total DESC, a.id");
        assertThat(reports).hasSize(3);
        // all three stored, the later two naming the first one's story
        assertThat(reports).filteredOn(r -> r.get("story_url") == null).hasSize(1);
        long best = ((Number) reports.get(0).get("id")).longValue();

        // the best-scored report passed; the other two were merged into it, and say so
        assertThat(rows("SELECT decision FROM prefilter_log WHERE step = 'prefilter' AND article_id = ?", best))
                .extracting(r -> r.get("decision")).containsExactly("pass");
        List<Map<String, Object>> merged = rows("SELECT article_id, reason, merged_into FROM prefilter_log "
                + "WHERE step = 'prefilter' AND merged_into IS NOT NULL ORDER BY article_id");
        assertThat(merged).filteredOn(m -> ((Number) m.get("merged_into")).longValue() == best).hasSize(2)
                .allSatisfy(m -> assertThat((String) m.get("reason")).startsWith("same story as article " + best + " from "
                        + reports.get(0).get("slug")));

        // the story is in the issue once, from its best source
        assertThat(count("SELECT COUNT(*) FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                + "WHERE s.issue_date = ? AND a.title LIKE 'Tessellate Labs releases%'", DATE)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM slot_selections WHERE issue_date = ? AND article_id = ?", DATE, best)).isEqualTo(1);

        Path outbox = DATA.resolve("outbox").resolve(DATE.toString());
        String html = Files.readString(outbox.resolve("newsletter.html"), StandardCharsets.UTF_8);
        String text = Files.readString(outbox.resolve("newsletter.txt"), StandardCharsets.UTF_8);
        for (Map<String, Object> other : reports.subList(1, 3)) {
            String source = (String) other.get("source");
            String url = (String) other.get("url");
            assertThat(html).contains("<a href=\"" + url + "\"").contains(">" + source + "</a>");
            assertThat(text).contains("\n- " + source + ": " + url + "\n");
        }
        assertThat(reports).extracting(r -> r.get("source")).containsExactlyInAnyOrder("Alpha Daily", "Beta Wire", "Gamma Post");
        assertThat(html.split("Also reported by: ", -1)).hasSize(2);
        assertThat(text.split("Also reported by:\n", -1)).hasSize(2);
        // the best source's own link is the story's, not an "also"
        String also = html.substring(html.indexOf("Also reported by: "));
        assertThat(also.substring(0, also.indexOf("</p>"))).doesNotContain((String) reports.get(0).get("url"));
    }
}
