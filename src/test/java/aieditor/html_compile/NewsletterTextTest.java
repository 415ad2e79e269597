package aieditor.html_compile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewsletterTextTest {

    private final NewsletterText renderer = new NewsletterText();

    @Test
    void should_not_contain_markdown_bold() {
        String text = renderer.render(SampleNewsletters.realistic());

        assertThat(text).doesNotContain("**").contains("training-data summaries");
    }

    @Test
    void should_contain_every_url() {
        Newsletter n = SampleNewsletters.realistic();

        String text = renderer.render(n);

        assertThat(n.stories()).allSatisfy(s -> assertThat(text).contains("Read: " + s.url()));
        assertThat(text).contains("Unsubscribe: " + SampleNewsletters.UNSUBSCRIBE);
    }

    @Test
    void should_wrap_lines_at_78() {
        Newsletter sample = SampleNewsletters.realistic();
        List<Newsletter.Story> stories = sample.stories().stream()
                .map(s -> new Newsletter.Story(s.slot(), (s.headline() + " ").repeat(3),
                        s.bullets().stream().map(b -> (b + " ").repeat(4)).toList(), s.url(), s.source(),
                        null, 0, 0))
                .toList();

        String text = renderer.render(SampleNewsletters.withStories(sample, stories));

        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(text.lines().filter(l -> l.startsWith("- "))).hasSize(15);
        assertThat(text.lines().filter(l -> l.startsWith("  ")).count()).isGreaterThan(15);
    }

    @Test
    void should_never_break_urls() {
        String longUrl = "https://example.com/" + "very-long-path-segment/".repeat(6) + "?utm_source=newsletter";
        Newsletter sample = SampleNewsletters.realistic();
        List<Newsletter.Story> stories = new ArrayList<>(sample.stories());
        Newsletter.Story s = stories.get(1);
        stories.set(1, new Newsletter.Story(s.slot(), s.headline(), s.bullets(), longUrl, s.source(), null, 0, 0));

        String text = renderer.render(SampleNewsletters.withStories(sample, stories));

        assertThat(text.lines()).contains(longUrl);
    }

    @Test
    void should_number_stories_and_mark_lead() {
        String text = renderer.render(SampleNewsletters.realistic());

        assertThat(text).startsWith("The AI Editor\n").contains("Sunday, 22 November 2026");
        assertThat(text).contains("1. TOP STORY: EU lawmakers agree", "\n2. Chipmaker unveils",
                "\n5. Why your smart speaker");
        assertThat(text.indexOf("\n2. ")).isLessThan(text.indexOf("\n3. "));
    }

    @Test
    void should_flatten_newlines_from_feed_values() {
        Newsletter sample = SampleNewsletters.realistic();
        List<Newsletter.Story> stories = new ArrayList<>(sample.stories());
        Newsletter.Story s = stories.get(0);
        stories.set(0, new Newsletter.Story(1, "Line one\nline two", s.bullets(), s.url(), "Src\r\n", null, 0, 0));

        String text = renderer.render(SampleNewsletters.withStories(sample, stories));

        assertThat(text).contains("1. TOP STORY: Line one line two\n").contains("via Src\n");
    }

    @Test
    void should_offer_the_web_copy_under_the_date_only_when_it_has_an_absolute_link() {
        Newsletter n = SampleNewsletters.realistic();
        Newsletter online = new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), n.stories(),
                n.unsubscribeUrl(), "https://news.example/archive/2026-11-22");

        assertThat(renderer.render(online)).startsWith("The AI Editor\n=============\nSunday, 22 November 2026\n"
                + "View in browser: https://news.example/archive/2026-11-22\n\n");
        assertThat(renderer.render(n)).doesNotContain("View in browser");
        assertThat(renderer.render(new Newsletter(n.issueDate(), n.title(), n.subject(), n.preheader(), n.stories(),
                n.unsubscribeUrl(), "/archive/2026-11-22"))).doesNotContain("View in browser");
    }
}
