package aieditor.archive;

import aieditor.html_compile.Newsletter;
import aieditor.html_compile.NewsletterHtml;
import aieditor.html_compile.SampleNewsletters;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the web copy changes in the HTML that was sent, and what it keeps. */
class IssuePageTest {
    private static final Instant SENT_AT = Instant.parse("2026-11-22T06:00:00Z");

    private static SentIssues.Sent sent(Newsletter n) {
        return new SentIssues.Sent(new SentIssues.Listed(n.issueDate(), n.subject(), n.preheader(), SENT_AT),
                new NewsletterHtml().render(n));
    }

    /** The outbox's relative images for slots 1-4; slot 5 hosted elsewhere over https. */
    private static Newsletter mixedImages(String webUrl) {
        Newsletter n = SampleNewsletters.realistic("images");
        List<Newsletter.Story> stories = new ArrayList<>(n.stories());
        Newsletter.Story s = stories.get(4);
        stories.set(4, new Newsletter.Story(s.slot(), s.headline(), s.bullets(), s.url(), s.source(),
                "https://res.cloudinary.example/ai-editor/2026-11-22/slot-5.png?v=1&w=600", 600, 400));
        return new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), stories, n.unsubscribeUrl(), webUrl);
    }

    @Test
    void should_load_local_images_from_the_service_and_keep_hosted_ones() {
        Document page = Jsoup.parse(IssuePage.render(sent(mixedImages(null)), ArchiveLinks.of(""), "The AI Editor"));

        assertThat(page.select("img")).extracting(i -> i.attr("src")).containsExactly(
                "/archive/2026-11-22/images/1.png", "/archive/2026-11-22/images/2.png", "/archive/2026-11-22/images/3.png",
                "/archive/2026-11-22/images/4.png", "https://res.cloudinary.example/ai-editor/2026-11-22/slot-5.png?v=1&w=600");
        assertThat(page.select("meta[property^=\"og:\"]")).isEmpty();
        assertThat(page.selectFirst("meta[name=description]").attr("content")).startsWith("Binding rules for big models");
        assertThat(page.selectFirst("nav[aria-label=Archive]").text()).isEqualTo("All issues of The AI Editor · Feed");
        assertThat(page.select(".unsubscribe")).hasSize(1);
    }

    @Test
    void should_drop_the_link_to_itself_and_describe_itself_for_link_previews() {
        String webUrl = "https://news.example/archive/2026-11-22";
        Document page = Jsoup.parse(IssuePage.render(sent(mixedImages(webUrl)), ArchiveLinks.of("https://news.example"),
                "The <AI> Editor"));

        assertThat(page.select("td.view-online")).isEmpty();
        assertThat(page.text()).doesNotContain("View in browser");
        assertThat(page.selectFirst("meta[property=\"og:url\"]").attr("content")).isEqualTo(webUrl);
        assertThat(page.selectFirst("meta[property=\"og:image\"]").attr("content")).isEqualTo(webUrl + "/images/1.png");
        assertThat(page.selectFirst("meta[property=\"og:site_name\"]").attr("content")).isEqualTo("The <AI> Editor");
        assertThat(page.selectFirst("meta[property=\"article:published_time\"]").attr("content")).isEqualTo("2026-11-22T06:00:00Z");
        assertThat(page.select("img").last().attr("src")).startsWith("https://res.cloudinary.example/");
        assertThat(page.head().select("link[rel=alternate]").attr("href")).isEqualTo("https://news.example/archive/feed.xml");
    }

    @Test
    void should_refuse_a_public_base_url_a_reader_could_not_open() {
        for (String bad : new String[]{"news.example", "/archive", "javascript:alert(1)", "ftp://news.example", "https://news.example/?q=1"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArchiveLinks.of(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newsletter.public-base-url");
        }
        assertThat(ArchiveLinks.of("https://news.example/letters//").viewInBrowser(SampleNewsletters.ISSUE_DATE))
                .isEqualTo("https://news.example/letters/archive/2026-11-22");
        assertThat(ArchiveLinks.of(" ").viewInBrowser(SampleNewsletters.ISSUE_DATE)).isNull();
    }

    @Test
    void should_keep_the_feed_well_formed_whatever_a_title_holds() {
        assertThat(AtomFeed.xml("A \u0001b & <c> \"d\" \uD83D\uDE80")).isEqualTo("A b &amp; &lt;c&gt; &quot;d&quot; \uD83D\uDE80");
    }
}
