package aieditor.html_compile;

import aieditor.PipelineTestSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers see a source by its name, not its slug: "via Northwind Ledger" (the feed's own title) or a configured name
 * (ingest.source-names, here for the folder articles' slugs), in the HTML and in the text part alike.
 */
class SourceDisplayNamesTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    static {
        // read by the application's properties before the Camel context starts
        System.setProperty("ingest.source-names", "kestrel-wire=Kestrel Wire Service, meridian-signal=The Meridian Signal, "
                + "bramblecote-dispatch=Bramblecote Dispatch");
    }

    @Test
    void should_credit_each_story_to_its_sources_display_name() throws Exception {
        runPipeline(DATE);

        List<Map<String, Object>> slots = rows("SELECT d.slot, a.source AS slug, COALESCE(n.display_name, a.source) AS name "
                + "FROM decorations d JOIN articles a ON a.id = d.article_id LEFT JOIN source_names n ON n.slug = a.source "
                + "WHERE d.issue_date = ? AND d.status = 'decorated' ORDER BY d.slot", DATE);
        assertThat(slots).hasSize(5);
        // a slug has no capitals or spaces: every story is credited by a name
        assertThat(slots).allSatisfy(s -> assertThat((String) s.get("name")).isNotEqualTo(s.get("slug")).contains(" "));

        Path outbox = DATA.resolve("outbox").resolve(DATE.toString());
        Document html = Jsoup.parse(Files.readString(outbox.resolve("newsletter.html")));
        String text = Files.readString(outbox.resolve("newsletter.txt"));
        for (Map<String, Object> slot : slots) {
            String name = (String) slot.get("name");
            assertThat(html.selectFirst("[data-slot=" + slot.get("slot") + "] .credit").text()).startsWith("via " + name);
            assertThat(text).contains("via " + name);
            assertThat(text).doesNotContain("via " + slot.get("slug"));
        }
    }
}
