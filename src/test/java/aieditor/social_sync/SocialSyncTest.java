package aieditor.social_sync;

import aieditor.PipelineTestSupport;
import aieditor.ai.SocialProvider;
import aieditor.ai.offline.OfflineSocialWriter;
import aieditor.model.Decoration;
import org.apache.camel.test.main.junit5.ReplaceInRegistry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SocialSyncTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 21);

    private final CountDownLatch allAsked = new CountDownLatch(5);
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * The offline writer, except that each call waits (up to 10 s) until all five stories have asked - which only
     * happens if they are asked at once - and the story whose headline sorts first is refused.
     */
    @ReplaceInRegistry
    SocialProvider socialProvider = new SocialProvider() {
        private final OfflineSocialWriter offline = new OfflineSocialWriter();

        @Override
        public String post(Decoration decoration, String url, int maxChars) {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                allAsked.countDown();
                allAsked.await(10, TimeUnit.SECONDS);
                if (url.equals(refusedUrl)) {
                    throw new IllegalStateException("the model refused this post");
                }
                return offline.post(decoration, url, maxChars);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public String name() {
            return "test";
        }

        @Override
        public String model() {
            return "waits-for-all";
        }
    };

    private volatile String refusedUrl = "";

    @Test
    void should_write_the_stories_posts_at_once_and_record_the_one_that_fails() {
        for (String step : List.of("ingest", "ai_scoring", "prefilter", "slot_selection", "decoration")) {
            assertThat(runStep(step, DATE).get("status")).isEqualTo("completed");
        }
        refusedUrl = jdbc().queryForObject("SELECT a.url FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                + "WHERE s.issue_date = ? AND s.slot = 3", String.class, DATE);

        Map<String, Object> job = runStep("social_sync", DATE);

        assertThat(job.get("status")).isEqualTo("completed");
        assertThat(mostAtOnce.get()).isEqualTo(5);
        assertThat((String) job.get("result")).contains("\"written\":4").contains("\"processed\":5")
                .contains("\"slot\":3").contains("the model refused this post");
        assertThat(rows("SELECT slot FROM social_posts WHERE issue_date = ? ORDER BY slot", DATE))
                .extracting(r -> r.get("slot")).containsExactly(1, 2, 4, 5);

        // run again: the four posts are kept, only the missing one is asked for (and refused again)
        Map<String, Object> again = runStep("social_sync", DATE);
        assertThat((String) again.get("result")).contains("\"written\":0").contains("\"slot\":3");
        assertThat(count("SELECT COUNT(*) FROM social_posts WHERE issue_date = ?", DATE)).isEqualTo(4);
    }
}
