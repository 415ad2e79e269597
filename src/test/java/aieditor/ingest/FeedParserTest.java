package aieditor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import aieditor.model.Article;

class FeedParserTest {

    private final FeedParser parser = new FeedParser();
    private final List<String> problems = new ArrayList<>();

    private List<Article> parseFixture(String name, String location) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/feeds/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return parser.parse(in.readAllBytes(), location, problems::add);
        }
    }

    @Test
    void should_read_rss2_items_with_content_encoded_as_body() throws IOException {
        List<Article> articles = parseFixture("rss2-northwind.xml", "https://northwind.example/rss");

        Article first = articles.get(0);
        assertThat(first.source()).isEqualTo("the-northwind-ledger");
        assertThat(first.url()).startsWith("https://www.northwind.example/2025/01/quillmark-raise/?utm_source");
        assertThat(first.canonicalUrl()).isEqualTo("https://northwind.example/2025/01/quillmark-raise");
        assertThat(first.author()).isEqualTo("Ada Lovelace");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2025-01-06T09:30:00Z"));
        assertThat(first.body()).isEqualTo(
                "<p>Quillmark, the <strong>fact-checking</strong> startup, raised $40M.</p><p>More soon.</p>");
        assertThat(first.id()).isNull();
    }

    @Test
    void should_decode_entities_and_strip_tags_in_titles_and_summaries() throws IOException {
        Article first = parseFixture("rss2-northwind.xml", "northwind").get(0);

        assertThat(first.title()).isEqualTo("Quillmark & Partners raise $40M \u2014 a big deal");
        assertThat(first.summary()).isEqualTo("The fact-checking startup closed its round & hired.");
    }

    @Test
    void should_leave_date_null_and_body_empty_when_item_has_neither() throws IOException {
        Article undated = parseFixture("rss2-northwind.xml", "northwind").get(1);

        assertThat(undated.title()).isEqualTo("Undated briefing");
        assertThat(undated.publishedAt()).isNull();
        assertThat(undated.author()).isNull();
        assertThat(undated.body()).isEmpty();
        assertThat(undated.summary()).isEqualTo("No date on this one.");
    }

    @Test
    void should_skip_items_without_title_and_link() throws IOException {
        assertThat(parseFixture("rss2-northwind.xml", "northwind"))
                .extracting(Article::title)
                .containsExactly("Quillmark & Partners raise $40M \u2014 a big deal", "Undated briefing");
    }

    @Test
    void should_read_rss1_rdf_with_dc_date_and_non_ascii_text() throws IOException {
        List<Article> articles = parseFixture("rss1-cafe.rdf", "https://cafe.example/rss");

        assertThat(articles).hasSize(1);
        Article item = articles.get(0);
        assertThat(item.source()).isEqualTo("cafe-revolution");
        assertThat(item.title()).isEqualTo("Zürich café opens über-fast AI roastery");
        assertThat(item.summary()).isEqualTo("Crème brûlée & espresso, served by robots.");
        assertThat(item.publishedAt()).isEqualTo(Instant.parse("2025-01-05T08:15:00Z"));
        assertThat(item.author()).isEqualTo("Émile Zola");
        assertThat(item.url()).isEqualTo("https://cafe.example/zurich");
    }

    @Test
    void should_read_atom_html_content_and_alternate_link() throws IOException {
        Article entry = parseFixture("atom-lab.xml", "lab.xml").get(0);

        assertThat(entry.source()).isEqualTo("lab-notes");
        assertThat(entry.title()).isEqualTo("Model cards & why they matter");
        assertThat(entry.url()).isEqualTo("https://lab.example/posts/model-cards/#top");
        assertThat(entry.canonicalUrl()).isEqualTo("https://lab.example/posts/model-cards");
        assertThat(entry.summary()).isEqualTo("Short \"summary\"");
        assertThat(entry.body()).isEqualTo("<p>Full <b>content</b> here.</p>");
        assertThat(entry.author()).isEqualTo("Grace Hopper");
        assertThat(entry.publishedAt()).isEqualTo(Instant.parse("2025-01-07T10:00:00Z"));
    }

    @Test
    void should_fall_back_to_updated_date_when_atom_entry_is_not_published() throws IOException {
        Article entry = parseFixture("atom-lab.xml", "lab.xml").get(1);

        assertThat(entry.publishedAt()).isEqualTo(Instant.parse("2025-01-06T10:00:00Z"));
        assertThat(entry.url()).isEqualTo("https://lab.example/posts/only-updated");
        assertThat(entry.summary()).isEmpty();
    }

    @Test
    void should_name_source_after_url_host_when_feed_has_no_title() throws IOException {
        assertThat(parseFixture("rss2-untitled.xml", "https://www.Daily-Brief.example/feed.xml"))
                .extracting(Article::source).containsExactly("daily-brief-example");
    }

    @Test
    void should_name_source_after_file_base_name_when_feed_has_no_title() throws IOException {
        assertThat(parseFixture("rss2-untitled.xml", "/data/feeds/Morning Digest.xml"))
                .extracting(Article::source).containsExactly("morning-digest");
    }

    @Test
    void should_throw_feed_exception_naming_location_for_malformed_xml() {
        assertThatThrownBy(() -> parseFixture("malformed.xml", "https://broken.example/rss"))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("https://broken.example/rss");
    }

    @Test
    void should_throw_feed_exception_for_xml_that_is_not_a_feed() {
        assertThatThrownBy(() -> parseFixture("not-a-feed.xml", "page.html"))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("page.html");
    }

    @Test
    void should_refuse_documents_with_a_doctype() {
        assertThatThrownBy(() -> parseFixture("doctype-xxe.xml", "evil.xml"))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("evil.xml")
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void should_throw_feed_exception_for_empty_document() {
        assertThatThrownBy(() -> parser.parse(new byte[0], "empty.xml", problems::add))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("empty.xml");
        assertThatThrownBy(() -> parser.parse("not xml at all".getBytes(StandardCharsets.UTF_8), "junk.txt", problems::add))
                .isInstanceOf(FeedException.class)
                .hasMessageContaining("junk.txt");
    }

    @Test
    void should_honour_declared_non_utf8_encoding() {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
                + "<title>Caf\u00e9 Hebdo</title><item><title>Cr\u00e8me</title><link>https://h.example/c</link>"
                + "</item></channel></rss>";

        List<Article> articles = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1), "hebdo.xml", problems::add);

        assertThat(articles).extracting(Article::source, Article::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cafe-hebdo", "Crème"));
    }

    @Test
    void should_skip_and_report_entries_whose_link_is_not_http_or_https() {
        String xml = "<rss version=\"2.0\"><channel><title>Mixed</title>"
                + "<item><title>Script</title><link>JaVaScRiPt:alert(document.cookie)</link></item>"
                + "<item><title>Local file</title><link>file:/etc/passwd</link></item>"
                + "<item><title>Good</title><link> https://mixed.example/good </link></item>"
                + "<item><title>Long</title><link>data:text/html," + "x".repeat(200) + "</link></item>"
                + "</channel></rss>";

        List<Article> articles = parser.parse(xml.getBytes(StandardCharsets.UTF_8), "mixed.xml", problems::add);

        assertThat(articles).extracting(Article::url).containsExactly("https://mixed.example/good");
        assertThat(problems).containsExactly(
                "entry 'Script' skipped: its link 'JaVaScRiPt:alert(document.cookie)' is not an http or https address",
                "entry 'Local file' skipped: its link 'file:/etc/passwd' is not an http or https address",
                "entry 'Long' skipped: its link 'data:text/html," + "x".repeat(45) + "...' is not an http or https address");
    }

    @Test
    void should_remove_feed_boilerplate_from_summaries_and_bodies() throws IOException {
        List<Article> articles = parseFixture("rss2-boilerplate.xml", "https://quill.example/feed");

        Article wordpress = articles.get(0);
        assertThat(wordpress.summary()).isEqualTo("Quillmark raised $40 million to build fact-checking tools…");
        assertThat(wordpress.body()).isEqualTo("<p>Quillmark raised $40 million on Monday. Readers can read more about "
                + "the round in our earlier report.</p>");
        assertThat(articles.get(1).summary()).isEqualTo("Mine does nine words a second.");
        assertThat(articles.get(2).summary()).isEqualTo("Ministers met on Friday to agree the plan.");
    }
}
