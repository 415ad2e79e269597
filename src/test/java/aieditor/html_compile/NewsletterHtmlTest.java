package aieditor.html_compile;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewsletterHtmlTest {

    private final NewsletterHtml renderer = new NewsletterHtml();

    private Document parse(Newsletter n) {
        return Jsoup.parse(renderer.render(n));
    }

    private static Newsletter withFirstStory(Newsletter.Story replacement) {
        Newsletter n = SampleNewsletters.realistic("img");
        List<Newsletter.Story> stories = new ArrayList<>(n.stories());
        stories.set(0, replacement);
        return SampleNewsletters.withStories(n, stories);
    }

    @Test
    void should_start_with_doctype_and_declare_utf8_and_viewport() {
        String html = renderer.render(SampleNewsletters.realistic());
        Document doc = Jsoup.parse(html);

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(doc.select("head meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(doc.select("head meta[name=viewport]").attr("content")).contains("width=device-width");
    }

    @Test
    void should_put_hidden_preheader_first_in_body() {
        Document doc = parse(SampleNewsletters.realistic());

        Element first = doc.body().child(0);
        assertThat(first.text()).startsWith("Binding rules for big models");
        assertThat(first.attr("style")).contains("display:none", "max-height:0", "overflow:hidden", "mso-hide:all");
    }

    @Test
    void should_render_five_stories_in_slot_order() {
        Newsletter sample = SampleNewsletters.realistic();
        List<Newsletter.Story> shuffled = new ArrayList<>(sample.stories());
        Collections.reverse(shuffled);

        Elements stories = parse(SampleNewsletters.withStories(sample, shuffled)).select(".story");

        assertThat(stories).extracting(e -> e.attr("data-slot")).containsExactly("1", "2", "3", "4", "5");
        assertThat(stories.get(0).selectFirst("h2").text()).isEqualTo(sample.stories().get(0).headline());
    }

    @Test
    void should_render_three_bullets_per_story() {
        Elements stories = parse(SampleNewsletters.realistic()).select(".story");

        assertThat(stories).hasSize(5).allSatisfy(s -> assertThat(s.select("ul > li")).hasSize(3));
    }

    @Test
    void should_turn_markdown_bold_into_strong() {
        Document doc = parse(SampleNewsletters.realistic());

        Element firstBullet = doc.selectFirst(".story li");
        assertThat(firstBullet.select("strong")).extracting(Element::text).containsExactly("training-data summaries");
        assertThat(doc.body().text()).doesNotContain("**");
    }

    @Test
    void should_centre_a_600px_presentation_table() {
        Document doc = parse(SampleNewsletters.realistic());

        Element container = doc.selectFirst("table.container");
        assertThat(container.attr("width")).isEqualTo("600");
        assertThat(container.attr("role")).isEqualTo("presentation");
        assertThat(container.attr("style")).contains("width:600px", "margin:0 auto");
        assertThat(container.parent().attr("align")).isEqualTo("center");
        assertThat(doc.select("table")).allSatisfy(t -> assertThat(t.attr("role")).isEqualTo("presentation"));
    }

    @Test
    void should_keep_layout_css_inline() {
        Document doc = parse(SampleNewsletters.realistic());

        assertThat(doc.select("link[rel=stylesheet]")).isEmpty();
        assertThat(doc.select("style")).hasSize(1);
        assertThat(doc.selectFirst("style").data().strip()).startsWith("@media");
        assertThat(doc.select("td.story, h2, li, p")).allSatisfy(e -> assertThat(e.attr("style")).isNotBlank());
        assertThat(doc.selectFirst("h2").attr("style")).contains("-apple-system", "Segoe UI", "Arial", "sans-serif");
    }

    @Test
    void should_show_title_and_issue_date_in_header() {
        Document doc = parse(SampleNewsletters.realistic());

        assertThat(doc.selectFirst("h1").text()).isEqualTo("The AI Editor");
        assertThat(doc.selectFirst(".issue-date").text()).isEqualTo("Sunday, 22 November 2026");
    }

    @Test
    void should_render_lead_with_larger_headline_and_full_width_image() {
        Document doc = parse(SampleNewsletters.realistic("img"));

        Element lead = doc.selectFirst(".story-lead");
        Element regular = doc.select(".story").get(1);
        assertThat(lead.attr("data-slot")).isEqualTo("1");
        assertThat(lead.selectFirst("img").attr("width")).isEqualTo("600");
        assertThat(lead.selectFirst("img").attr("height")).isEqualTo("300");
        assertThat(fontSize(lead.selectFirst("h2"))).isGreaterThan(fontSize(regular.selectFirst("h2")));
        assertThat(Integer.parseInt(regular.selectFirst("img").attr("width"))).isLessThan(600);
    }

    @Test
    void should_render_images_with_alt_size_and_no_border() {
        Document doc = parse(SampleNewsletters.realistic("img"));

        Elements images = doc.select("img");
        assertThat(images).hasSize(5).allSatisfy(img -> {
            assertThat(img.attr("alt")).isNotBlank();
            assertThat(img.attr("width")).isNotBlank();
            assertThat(img.attr("height")).isNotBlank();
            assertThat(img.attr("border")).isEqualTo("0");
            assertThat(img.attr("style")).contains("display:block");
        });
        assertThat(images.get(2).attr("alt")).isEqualTo(SampleNewsletters.realistic().stories().get(2).headline());
        assertThat(images.get(2).attr("src")).isEqualTo("img/3.png");
    }

    @Test
    void should_omit_images_when_url_is_null() {
        Document doc = parse(SampleNewsletters.realistic(null));

        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.select(".story")).hasSize(5);
    }

    @Test
    void should_link_headline_and_credit_source() {
        Newsletter n = SampleNewsletters.realistic();
        Element story = parse(n).select(".story").get(3);

        assertThat(story.selectFirst("h2 > a").attr("href")).isEqualTo(n.stories().get(3).url());
        assertThat(story.selectFirst(".credit").text()).startsWith("via Ars Technica");
    }

    @Test
    void should_show_visible_unsubscribe_link() {
        Document doc = parse(SampleNewsletters.realistic());

        Element link = doc.selectFirst("a.unsubscribe");
        assertThat(link.attr("href")).isEqualTo(SampleNewsletters.UNSUBSCRIBE);
        assertThat(link.text()).isEqualTo("Unsubscribe");
        assertThat(link.closest("[style*=display:none]")).isNull();
    }

    @Test
    void should_escape_hostile_headline() {
        String hostile = "<script>alert('x')</script> & \"quotes\"";
        Newsletter n = withFirstStory(new Newsletter.Story(1, hostile,
                List.of("**<img src=x onerror=alert(1)>** bold", "<b>not bold</b>", "fine"),
                "https://example.com/a", "<i>Evil</i> Source", "img/1.png", 600, 300));

        String html = renderer.render(n);
        Document doc = Jsoup.parse(html);

        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select(".story-lead h2").text()).isEqualTo(hostile);
        assertThat(doc.selectFirst(".story-lead img").attr("alt")).isEqualTo(hostile);
        assertThat(doc.select("body img[onerror], body b, body i")).isEmpty();
        assertThat(doc.selectFirst(".story-lead li strong").text()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(doc.selectFirst(".story-lead .credit").text()).startsWith("via <i>Evil</i> Source");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    }

    @Test
    void should_neutralise_javascript_urls() {
        Newsletter n = withFirstStory(new Newsletter.Story(1, "Harmless headline", List.of("a", "b", "c"),
                "javascript:alert(document.cookie)", "Source", "javascript:alert(2)", 600, 300));

        Document doc = parse(n);

        assertThat(doc.select(".story-lead a")).isNotEmpty().allSatisfy(a -> assertThat(a.attr("href")).isEqualTo("#"));
        assertThat(doc.selectFirst(".story-lead img").attr("src")).isEqualTo("#");
        assertThat(doc.select("[href], [src]"))
                .allSatisfy(e -> assertThat(e.attr("href") + e.attr("src")).doesNotContainIgnoringCase("javascript"));
    }

    @Test
    void should_stay_under_gmail_clip_limit_with_long_bullets() {
        Newsletter sample = SampleNewsletters.realistic("https://cdn.example.com/images/2026-11-22");
        String longBullet = "A deliberately long bullet with **several bold phrases** & entities <like this> "
                .repeat(6);
        List<Newsletter.Story> stories = sample.stories().stream()
                .map(s -> new Newsletter.Story(s.slot(), s.headline() + " " + s.headline(),
                        List.of(longBullet, longBullet, longBullet), s.url(), s.source(), s.imageUrl(),
                        s.imageWidth(), s.imageHeight()))
                .toList();

        byte[] html = renderer.render(SampleNewsletters.withStories(sample, stories)).getBytes(StandardCharsets.UTF_8);

        assertThat(html.length).isLessThan(102 * 1024);
    }

    private static int fontSize(Element e) {
        String style = e.attr("style");
        int i = style.indexOf("font-size:") + "font-size:".length();
        return Integer.parseInt(style.substring(i, style.indexOf("px", i)));
    }

    @Test
    void should_link_the_web_copy_above_the_masthead_only_when_the_link_is_absolute() {
        Newsletter n = SampleNewsletters.realistic();
        Document online = parse(new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), n.stories(),
                n.unsubscribeUrl(), "https://news.example/archive/2026-11-22?a=1&b=2"));

        Element link = online.selectFirst("td.view-online a");
        assertThat(link.text()).isEqualTo("View in browser");
        assertThat(link.attr("href")).isEqualTo("https://news.example/archive/2026-11-22?a=1&b=2");
        assertThat(online.body().child(0).attr("class")).isEqualTo("preheader");
        assertThat(renderer.render(n)).doesNotContain("View in browser");
        for (String notAbsolute : new String[]{"/archive/2026-11-22", "javascript:alert(1)", ""}) {
            assertThat(renderer.render(new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), n.stories(),
                    n.unsubscribeUrl(), notAbsolute))).as(notAbsolute).doesNotContain("View in browser");
        }
    }
}
