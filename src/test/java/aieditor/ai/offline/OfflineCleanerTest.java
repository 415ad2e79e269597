package aieditor.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfflineCleanerTest {

    private final OfflineCleaner cleaner = new OfflineCleaner();

    @Test
    void should_identify_itself_as_offline() {
        assertThat(cleaner.name()).isEqualTo("offline");
        assertThat(cleaner.model()).isEqualTo("offline-cleaner-1");
    }

    @Test
    void should_return_empty_text_for_empty_input() {
        assertThat(cleaner.clean(null)).isEmpty();
        assertThat(cleaner.clean("   \n ")).isEmpty();
    }

    @Test
    void should_put_paragraphs_headings_and_list_items_on_separate_lines() {
        String html = "<h2>Launch</h2><p>First   paragraph.</p><ul><li>One</li><li>Two</li></ul><p>Last<br>line.</p>";

        assertThat(cleaner.clean(html)).isEqualTo("Launch\n\nFirst paragraph.\n\nOne\n\nTwo\n\nLast\n\nline.");
    }

    @Test
    void should_remove_boilerplate_from_long_html_page() {
        StringBuilder story = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            story.append("<p>Paragraph ").append(i).append(" explains how Northwind Labs trains models.</p>");
            if (i % 50 == 0) {
                story.append("<div class=\"ad-slot\">Buy now</div><p>Advertisement</p>");
            }
        }
        String html = "<html><head><title>x</title><style>p{}</style><script>track()</script></head><body>"
                + "<nav><a href=/>Home</a> <a href=/ai>AI</a></nav>"
                + "<div id=\"cookieBanner\">We use cookies to improve your experience. <button>Accept</button></div>"
                + "<article><h1>Northwind Labs raises $40 million</h1>"
                + "<div class=\"share-bar\"><a>Facebook</a><a>X</a></div>"
                + story
                + "<figure><img src=a.png><figcaption>Photo: Getty Images</figcaption></figure>"
                + "<p>Share this article</p><p>Read more: Other story about chips</p>"
                + "<div class=\"newsletter-signup\"><p>Get the best of AI weekly.</p></div>"
                + "<p>Subscribe to our newsletter for daily updates.</p>"
                + "<section class=\"related-posts\"><h3>More stories</h3><p>Unrelated link text</p></section>"
                + "<div id=\"comments\"><p>First!</p></div>"
                + "<iframe src=\"https://video\"></iframe>"
                + "</article><aside>Sidebar</aside>"
                + "<p>By continuing to use this site you accept our cookie policy.</p>"
                + "<footer>© 2026 Example Media. All rights reserved.</footer></body></html>";

        String clean = cleaner.clean(html);

        assertThat(clean).startsWith("Northwind Labs raises $40 million\n\nParagraph 1 explains");
        assertThat(clean).endsWith("Paragraph 200 explains how Northwind Labs trains models.");
        assertThat(clean.split("\n\n")).hasSize(201);
        assertThat(clean).doesNotContainIgnoringCase("cookie").doesNotContain("Advertisement")
                .doesNotContain("Buy now").doesNotContain("Share this").doesNotContain("Subscribe")
                .doesNotContain("Read more").doesNotContain("Getty").doesNotContain("Sidebar")
                .doesNotContain("©").doesNotContain("Home").doesNotContain("First!")
                .doesNotContain("Facebook").doesNotContain("best of AI weekly").doesNotContain("Unrelated")
                .doesNotContain("track()");
    }

    @Test
    void should_keep_real_sentences_that_resemble_boilerplate_words() {
        String html = "<p>Share prices rose 5% after the announcement.</p>"
                + "<p>Copyright lawsuits against AI labs keep piling up.</p>"
                + "<p>Related research from Stanford points the same way.</p>"
                + "<p>Comments from the CEO suggested more layoffs.</p>";

        assertThat(cleaner.clean(html).split("\n\n")).hasSize(4);
    }

    @Test
    void should_drop_boilerplate_lines_in_plain_text() {
        String text = "Real sentence one.\nAdvertisement\nSign up for alerts\nShare this article\n"
                + "Read more: something else\nAll rights reserved.\n© 2026 Example\n"
                + "This site uses cookies. Accept all cookies.\nReal sentence two.";

        assertThat(cleaner.clean(text)).isEqualTo("Real sentence one.\n\nReal sentence two.");
    }

    @Test
    void should_drop_duplicate_consecutive_lines() {
        String html = "<h1>Same title</h1><h2>Same  title</h2><p>Body text.</p><p>Body text.</p><p>Same title</p>";

        assertThat(cleaner.clean(html)).isEqualTo("Same title\n\nBody text.\n\nSame title");
    }

    @Test
    void should_strip_markdown_syntax() {
        String md = """
                # Northwind Labs raises **$40 million**

                The startup, founded by *Zoë Łukasiewicz*, builds [AI chips](https://example.com/chips)
                in São Paulo. ![diagram](https://example.com/d.png)

                ```java
                System.out.println("code");
                ```

                - First _point_
                - Second `point`

                > A quoted line &amp; more.

                ---
                Subscribe to our newsletter!
                """;

        assertThat(cleaner.clean(md)).isEqualTo("Northwind Labs raises $40 million\n\n"
                + "The startup, founded by Zoë Łukasiewicz, builds AI chips in São Paulo.\n\n"
                + "First point\n\nSecond point\n\nA quoted line & more.");
    }

    @Test
    void should_preserve_non_ascii_text() {
        assertThat(cleaner.clean("<p>Zoë Łukasiewicz in São Paulo — naïve café.</p>"))
                .isEqualTo("Zoë Łukasiewicz in São Paulo — naïve café.");
    }

    @Test
    void should_drop_a_promo_block_between_paragraphs() {
        assertThat(cleaner.clean("<p>One.</p><div class=promo>x</div><p>Two.</p>")).isEqualTo("One.\n\nTwo.");
    }
}
