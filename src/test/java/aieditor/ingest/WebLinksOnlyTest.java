package aieditor.ingest;

import aieditor.PipelineTestSupport;
import aieditor.desk.Eml;
import aieditor.fixtures.FakeServer;
import aieditor.fixtures.FakeServer.Request;
import aieditor.fixtures.FakeServer.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only http(s) links reach a reader. A feed, an article folder and an Airtable table hand ingest stories whose links
 * are javascript:, data:, vbscript:, file: or ftp:; those stories are not stored and each is a source problem that
 * names it. A link that gets into the database another way is left out of the HTML, the text part, the .eml, the
 * social posts and the Airtable mirror.
 */
class WebLinksOnlyTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 16);
    private static final List<String> NOT_WEB = List.of("javascript:", "vbscript:", "data:text/html", "file:/etc/passwd",
            "ftp://");
    private static final FakeServer AIRTABLE = start();

    private static FakeServer start() {
        FakeServer server = FakeServer.start(WebLinksOnlyTest::answer);
        // read by the application's properties before the Camel context starts
        Map.of("ingest.feeds", "src/test/resources/weblinks/feed.xml",
                "ingest.folders", "src/test/resources/hostile,src/test/resources/weblinks/articles",
                "airtable.enabled", "true", "airtable.api-url", server.url(), "airtable.token", "test-secret",
                "airtable.articles-base", "appArticles", "airtable.articles-table", "tblArticles",
                "airtable.editor-base", "appEditor", "airtable.selects-table", "tblSelects",
                "airtable.decorations-table", "tblDecorations").forEach(System::setProperty);
        return server;
    }

    private static Response answer(Request r) {
        if (r.method().equals("GET")) {
            return Response.json(200, "{\"records\":["
                    + "{\"id\":\"recGood\",\"fields\":{\"Title\":\"Airtable desk picks a new GPU cluster\","
                    + "\"URL\":\"https://desk.example/gpu-cluster\",\"Source\":\"Airtable Desk\",\"Summary\":\"A short note.\"}},"
                    + "{\"id\":\"recBad\",\"fields\":{\"Title\":\"Airtable desk story about AI\","
                    + "\"URL\":\"javascript:alert('airtable')\",\"Source\":\"Airtable Desk\",\"Summary\":\"A short note.\"}}]}");
        }
        return Response.json(200, "{\"records\":[]}");
    }

    @AfterAll
    static void stop() {
        AIRTABLE.close();
    }

    @BeforeEach
    void freshAirtable() {
        AIRTABLE.reset();
    }

    @Test
    void should_not_store_a_story_whose_link_is_not_http_and_say_so_in_the_source_problems() throws Exception {
        runPipeline(DATE);

        assertThat(rows("SELECT url FROM articles")).hasSize(8)
                .allSatisfy(r -> assertThat((String) r.get("url")).startsWithIgnoringCase("http"));
        assertThat(count("SELECT COUNT(*) FROM articles WHERE title LIKE '%story about AI%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM articles WHERE url = 'HTTPS://weblinks.example:8443/2026/11/16/agents-plan-deliveries'"))
                .isEqualTo(1);
        String result = (String) lastJob("ingest").get("result");
        String feed = "src/test/resources/weblinks/feed.xml";
        assertThat(result).contains("8 new articles from 8 read", "9 source problems")
                .contains("{\"source\":\"" + feed + "\",\"error\":\"entry 'Script link story about AI chips' skipped: "
                        + "its link 'javascript:alert(document.cookie)' is not an http or https address\"}")
                .contains("entry 'Data link story about AI models' skipped: its link 'data:text/html,<script>alert(1)</script>'")
                .contains("entry 'Basic script story about AI agents' skipped: its link 'vbscript:msgbox(1)'")
                .contains("entry 'Mixed case script story about AI data centers' skipped: its link 'JaVaScRiPt:alert(2)'")
                .contains("entry 'Local file story about AI research' skipped: its link 'file:/etc/passwd'")
                .contains("entry 'File server story about AI training' skipped: its link 'ftp://files.weblinks.example/ai-training'")
                .contains("control-character.json: entry 'Control character story about AI chips' skipped: "
                        + "its link 'javascript:alert(3)' is not an http or https address")
                .contains("vbscript.md: entry 'Front matter story about AI models' skipped: its link 'VBScript:msgbox(4)'")
                .contains("{\"source\":\"airtable:recBad\",\"error\":\"entry 'Airtable desk story about AI' skipped: "
                        + "its link 'javascript:alert('airtable')' is not an http or https address\"}");

        assertThat(outputs()).allSatisfy(this::hasNoLinkButWebLinks);
    }

    @Test
    void should_leave_out_a_link_that_reached_the_database_past_ingest() throws Exception {
        runStep("ingest", DATE);
        jdbc().update("UPDATE articles SET url = CASE MOD(id, 4) WHEN 0 THEN 'javascript:alert(1)' "
                + "WHEN 1 THEN 'DATA:text/html,<script>alert(1)</script>' WHEN 2 THEN ' vbscript:msgbox(1)' "
                + "ELSE 'file:/etc/passwd' END");

        runPipeline(DATE);

        assertThat(outputs()).allSatisfy(this::hasNoLinkButWebLinks);
        Path issue = DATA.resolve("outbox").resolve(DATE.toString());
        Document html = Jsoup.parse(Files.readString(issue.resolve("newsletter.html")));
        assertThat(html.select("[data-slot] a")).isNotEmpty().allSatisfy(a -> assertThat(a.attr("href")).isEqualTo("#"));
        assertThat(Files.readString(issue.resolve("newsletter.txt"))).doesNotContain("Read:");
        assertThat(rows("SELECT post_text FROM social_posts")).hasSize(5)
                .allSatisfy(p -> assertThat((String) p.get("post_text")).doesNotContain("http"));
    }

    /** Everything the issue wrote for readers and editors: HTML, text, .eml (raw and decoded), posts, Airtable. */
    private List<String> outputs() throws Exception {
        Path issue = DATA.resolve("outbox").resolve(DATE.toString());
        List<String> out = new ArrayList<>(List.of(Files.readString(issue.resolve("newsletter.html")),
                Files.readString(issue.resolve("newsletter.txt")), Files.readString(issue.resolve("newsletter.eml")),
                Eml.text(issue.resolve("newsletter.eml"))));
        rows("SELECT post_text FROM social_posts").forEach(p -> out.add((String) p.get("post_text")));
        assertThat(out).hasSize(9);
        AIRTABLE.requests("PATCH", "/v0/appEditor/tblSelects").forEach(r -> out.add(r.body()));
        AIRTABLE.requests("PATCH", "/v0/appEditor/tblDecorations").forEach(r -> out.add(r.body()));
        assertThat(out).hasSize(11);
        return out;
    }

    private void hasNoLinkButWebLinks(String output) {
        NOT_WEB.forEach(bad -> assertThat(output).doesNotContainIgnoringCase(bad));
    }
}
