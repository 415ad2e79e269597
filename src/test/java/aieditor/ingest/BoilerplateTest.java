package aieditor.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Feed furniture goes from summaries and bodies; sentences that only sound like it stay. */
class BoilerplateTest {

    @Test
    void should_remove_continue_reading_and_read_more_pointers() {
        assertThat(Boilerplate.text("Ministers met on Friday to agree the plan. <a href=\"https://n.example/x\">Continue reading...</a>"))
                .isEqualTo("Ministers met on Friday to agree the plan.");
        assertThat(Boilerplate.text("<p>The card ships in January.</p><p><a href=\"https://n.example/x\">Read more &raquo;</a></p>"))
                .isEqualTo("The card ships in January.");
        assertThat(Boilerplate.text("The card ships in January. Read the full story at Orchard Bulletin"))
                .isEqualTo("The card ships in January.");
        assertThat(Boilerplate.text("The card ships in January. Read more"))
                .isEqualTo("The card ships in January.");
        assertThat(Boilerplate.html("<p>The card ships in January.</p><p>Read the full story</p>"))
                .isEqualTo("<p>The card ships in January.</p>");
    }

    @Test
    void should_keep_sentences_that_merely_mention_reading_more() {
        String sentence = "Researchers want you to read more about the model before trusting it. Click to read more.";
        assertThat(Boilerplate.text(sentence)).isEqualTo(sentence);
        String linked = "<p>You can <a href=\"https://p.example\">read more about the method</a> in the paper.</p>";
        assertThat(Boilerplate.html(linked)).isSameAs(linked);
        String ending = "<p>The lab published its data; <a href=\"https://p.example\">read more about it here</a></p>";
        assertThat(Boilerplate.html(ending)).isSameAs(ending);
        String plain = "The post office closed early. It appeared first on the list of cuts.";
        assertThat(Boilerplate.text(plain)).isEqualTo(plain);
    }

    @Test
    void should_remove_the_wordpress_post_appeared_first_line() {
        assertThat(Boilerplate.html("<p>Quillmark raised $40 million.</p><p>The post <a href=\"https://q.example/a\">Quillmark "
                + "raises $40 million</a> appeared first on <a href=\"https://q.example\">Quill News</a>.</p>"))
                .isEqualTo("<p>Quillmark raised $40 million.</p>");
        assertThat(Boilerplate.text("Quillmark raised $40 million. The post Quillmark raises $40 million appeared first on Quill News."))
                .isEqualTo("Quillmark raised $40 million.");
    }

    @Test
    void should_turn_excerpt_tails_into_an_ellipsis() {
        assertThat(Boilerplate.text("The arms lift 20 kg and learn a new pick in minutes, the company says [&#8230;]"))
                .isEqualTo("The arms lift 20 kg and learn a new pick in minutes, the company says…");
        assertThat(Boilerplate.text("The arms lift 20 kg [...]")).isEqualTo("The arms lift 20 kg…");
        assertThat(Boilerplate.text("The arms lift 20 kg [&hellip;] Continue reading &rarr;")).isEqualTo("The arms lift 20 kg…");
        assertThat(Boilerplate.text("A list [...] inside a sentence stays.")).isEqualTo("A list [...] inside a sentence stays.");
    }

    @Test
    void should_remove_feedburner_pixels_and_feedflare() {
        String body = "<p>Storage prices fell again.</p><img src=\"http://feeds.feedburner.com/~r/orchard/~4/abc\" height=\"1\" "
                + "width=\"1\" alt=\"\"/><div class=\"feedflare\"><a href=\"http://feeds.feedburner.com/~ff/orchard?a=x\">"
                + "<img src=\"http://feeds.feedburner.com/~ff/orchard?d=y\" border=\"0\"></a></div>"
                + "<img src=\"https://da.feedsportal.com/r/123/u/49/f/1/rc.img\"><img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">";
        assertThat(Boilerplate.html(body)).isEqualTo("<p>Storage prices fell again.</p>");
        String photo = "<p>Photo:</p><img src=\"https://cdn.example/arm.jpg\" width=\"640\" height=\"1\">";
        assertThat(Boilerplate.html(photo)).isSameAs(photo);
    }

    @Test
    void should_remove_share_links_and_widgets() {
        assertThat(Boilerplate.html("<p>Chip exports rose 8%.</p><p><a href=\"https://x.example/s\">Share on Twitter</a> | "
                + "<a href=\"https://x.example/f\">Share on Facebook</a></p>"))
                .isEqualTo("<p>Chip exports rose 8%.</p>");
        assertThat(Boilerplate.html("<p>Chip exports rose 8%.</p><div class=\"addtoany_share_save_container\">"
                + "<a href=\"https://www.addtoany.com/share#url=x\"><img src=\"https://static.addtoany.com/b.png\"></a></div>"))
                .isEqualTo("<p>Chip exports rose 8%.</p>");
        assertThat(Boilerplate.html("<p>Chip exports rose 8%. <a href=\"https://twitter.com/intent/tweet?text=x\">Tweet</a></p>"))
                .isEqualTo("<p>Chip exports rose 8%. </p>");
        String prices = "<p>Share prices rose 5% after the results.</p>";
        assertThat(Boilerplate.html(prices)).isSameAs(prices);
    }

    @Test
    void should_remove_comments_links() {
        assertThat(Boilerplate.html("<p>The vote is on Monday.</p><p><a href=\"https://n.example/a#comments\">12 Comments</a></p>"))
                .isEqualTo("<p>The vote is on Monday.</p>");
        assertThat(Boilerplate.text("The vote is on Monday. <a href=\"https://n.example/a#respond\">Leave a comment</a>"))
                .isEqualTo("The vote is on Monday.");
        String story = "<p>Comments from the minister drew criticism.</p>";
        assertThat(Boilerplate.html(story)).isSameAs(story);
    }

    @Test
    void should_remove_reddits_submitted_by_footer() {
        String reddit = "<div class=\"md\"><p>Has anyone run the 4-bit model on a laptop?</p></div> &#32; submitted by &#32; "
                + "<a href=\"https://www.reddit.com/user/kestrel\"> /u/kestrel </a> <br/> <span><a href=\"https://www.reddit.com/r/x/comments/1/\">"
                + "[link]</a></span> &#32; <span><a href=\"https://www.reddit.com/r/x/comments/1/\">[comments]</a></span>";
        assertThat(Boilerplate.text(reddit)).isEqualTo("Has anyone run the 4-bit model on a laptop?");
        assertThat(Boilerplate.text("submitted by /u/kestrel [link] [comments]")).isEmpty();
        String mention = "The paper was submitted by the lab in May.";
        assertThat(Boilerplate.text(mention)).isEqualTo(mention);
    }

    @Test
    void should_return_clean_text_untouched() {
        String body = "<p>Plain <em>article</em> text &amp; more.</p>";
        assertThat(Boilerplate.html(body)).isSameAs(body);
        assertThat(Boilerplate.html(null)).isEmpty();
    }
}
