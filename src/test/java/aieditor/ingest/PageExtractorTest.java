package aieditor.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The article of a page, without the page: saved pages the project wrote, with the furniture real sites carry. */
class PageExtractorTest {
    private final PageExtractor extractor = new PageExtractor();

    @Test
    void should_keep_a_news_articles_paragraphs_and_none_of_its_furniture() throws IOException {
        String html = extract("news-article.html").orElseThrow();

        assertThat(html).startsWith("<p>Orchard Compute on Saturday began shipping")
                .contains("<p>The company says the card, called Pip,")
                .contains("<h2>Partners first</h2>")
                .contains("“Edge customers want models that fit in their power budget, not ours,” she said.")
                .contains("Analysts expect the market for edge accelerators to double by 2028");
        for (String furniture : List.of("NAV-LINK", "BREADCRUMB", "SHARE-WIDGET", "Share on", "ADVERTISEMENT-BLOCK",
                "RELATED-STORY", "NEWSLETTER-BOX", "TAGS-FOOTER", "COMMENT-NODE", "READER-COMMENT", "SIDEBAR-POPULAR",
                "SITE-FOOTER", "TRACKING-SCRIPT", "cookies", "By Mara Okafor", "<a", "<script", "<div")) {
            assertThat(html).as(furniture).doesNotContain(furniture);
        }
    }

    @Test
    void should_find_a_blog_posts_text_by_its_paragraphs_when_nothing_marks_the_article() throws IOException {
        String html = extract("blog-post.html").orElseThrow();

        assertThat(html).startsWith("<p>Last week I finally tried running a small language model")
                .contains("You can read more about the method in the paper linked below.")
                .contains("<p>Quantisation is not free, but it is far cheaper than most people assume.</p>")
                .contains("<ul><li>Memory: about 4 GB instead of 14 GB</li><li>Speed: roughly 9 words a second</li></ul>");
        for (String furniture : List.of("TOP-MENU", "Posted on", "ADDTOANY", "Comments", "BLOGROLL", "BOTTOM-LINE")) {
            assertThat(html).as(furniture).doesNotContain(furniture);
        }
    }

    @Test
    void should_find_no_article_in_an_index_page() throws IOException {
        assertThat(extract("no-article.html")).isEmpty();
    }

    @Test
    void should_read_the_charset_the_server_names_and_else_the_pages_own() {
        byte[] latin1 = ("<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>"
                + "Café Zürich " + "a paragraph long enough to count as an article, ".repeat(6) + "</p></article></body></html>")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(extractor.extract(latin1, null, "https://example.org/a").orElseThrow()).contains("Café Zürich");
        assertThat(extractor.extract(latin1, FullText.charset("text/html; charset=ISO-8859-1"), "https://example.org/a")
                .orElseThrow()).contains("Café Zürich");
        assertThat(FullText.charset("text/html; charset=\"utf-8\"")).isEqualTo("utf-8");
        assertThat(FullText.charset("text/html; charset=no-such-charset")).isNull();
    }

    @Test
    void should_extract_a_page_in_milliseconds() throws IOException {
        byte[] page = Files.readAllBytes(Path.of("src/test/resources/ingest/pages/news-article.html"));
        for (int i = 0; i < 50; i++) {
            extractor.extract(page, null, "https://www.orchardbulletin.example/a");
        }
        int runs = 200;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            extractor.extract(page, null, "https://www.orchardbulletin.example/a");
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("Extracting the %d-byte news page took %.3f ms a page (after warm-up)%n", page.length, ms);
        assertThat(ms).isPositive();
    }

    private Optional<String> extract(String page) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/ingest/pages/" + page));
        return extractor.extract(bytes, null, "https://www.orchardbulletin.example/2026/11/21/" + page);
    }
}
