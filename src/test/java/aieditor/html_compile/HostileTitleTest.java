package aieditor.html_compile;

import aieditor.PipelineTestSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A title that is markup after decoding reaches the reader as text, never as markup. */
class HostileTitleTest extends PipelineTestSupport {
    private static final String HOSTILE = "<script>alert('x')</script> & \"quotes\" in AI model names";

    static {
        System.setProperty("ingest.feeds", "");
        System.setProperty("ingest.folders", "src/test/resources/hostile");
    }

    @Test
    void should_escape_a_hostile_title_in_the_sent_html() throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 16);

        runPipeline(date);

        assertThat(jdbc().queryForObject("SELECT title FROM articles WHERE source = 'hostile-herald'", String.class))
                .isEqualTo(HOSTILE);
        String html = Files.readString(DATA.resolve("outbox").resolve(date.toString()).resolve("newsletter.html"));
        assertThat(html).contains("&lt;script&gt;alert(").doesNotContain("<script>");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("[data-slot] a").eachText()).contains(HOSTILE);
    }
}
