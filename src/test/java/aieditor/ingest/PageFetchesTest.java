package aieditor.ingest;

import aieditor.model.Article;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's page fetches: each page once, within the job's and each host's caps; the store knows a page's text. */
class PageFetchesTest {

    @Test
    void should_fetch_no_more_pages_than_the_job_and_each_host_allow() {
        PageFetches pages = new PageFetches(3, 2);
        List<String> fetched = new ArrayList<>();
        for (String url : List.of("https://a.example/1", "https://a.example/2", "https://a.example/3",
                "https://b.example/1", "https://c.example/1", "https://d.example/1")) {
            pages.text(url, url, u -> {
                fetched.add(u);
                return Optional.of("<p>" + u + "</p>");
            });
        }

        // a's third page is over a's cap, c's and d's over the job's
        assertThat(fetched).containsExactly("https://a.example/1", "https://a.example/2", "https://b.example/1");
    }

    @Test
    void should_fetch_a_page_once_when_two_sources_ask_for_it_at_once() throws Exception {
        PageFetches pages = new PageFetches(10, 10);
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch inFetch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> pages.text("c", "https://a.example/x", u -> {
            fetches.incrementAndGet();
            inFetch.countDown();
            await(release);
            return Optional.of("<p>text</p>");
        }));
        await(inFetch);
        CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() -> pages.text("c", "https://a.example/x", u -> {
            fetches.incrementAndGet();
            return Optional.of("<p>other</p>");
        }));
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).contains("<p>text</p>");
        assertThat(second.get(10, TimeUnit.SECONDS)).contains("<p>text</p>");
        assertThat(fetches).hasValue(1);
        assertThat(pages.gave(article("c", "<p>text</p>"))).isTrue();
        assertThat(pages.gave(article("c", "<p>the feed's own</p>"))).isFalse();
        assertThat(TextFrom.of(article("c", "<p>text</p>"), pages)).isEqualTo(TextFrom.PAGE);
        assertThat(TextFrom.of(article("c", "<p>the feed's own</p>"), pages)).isEqualTo(TextFrom.FEED);
        assertThat(TextFrom.of(article("c", ""), pages)).isEqualTo(TextFrom.SUMMARY);
    }

    @Test
    void should_take_short_bodies_for_teasers_and_long_ones_for_articles() {
        String longBody = "<p>" + "A sentence of the article. ".repeat(30) + "</p>";
        assertThat(FullText.teaser(article("c", ""))).isTrue();
        assertThat(FullText.teaser(article("c", "<p>Just the first lines.</p>"))).isTrue();
        assertThat(FullText.teaser(article("c", longBody))).isFalse();
        // no longer than its summary: the feed repeats its teaser as the body
        Article repeated = new Article(null, "s", "t", "https://a.example/x", "c", null, null,
                "A sentence of the article. ".repeat(30), longBody);
        assertThat(FullText.teaser(repeated)).isTrue();
    }

    private static Article article(String canonical, String body) {
        return new Article(null, "s", "t", "https://a.example/x", canonical, null, null, "summary", body);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
