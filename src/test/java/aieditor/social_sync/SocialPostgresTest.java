package aieditor.social_sync;

import aieditor.PipelineTestSupport;
import aieditor.fixtures.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing to Mastodon on PostgreSQL (the distributed store), in a database of its own: V34's table and every
 * claim of a post - first send, the job's retry that skips a refusal, a re-run, a stale claim taken over.
 */
class SocialPostgresTest extends PipelineTestSupport {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 28);
    private static final FakeMastodon MASTODON = new FakeMastodon();

    static {
        // read by the application's properties before the Camel context starts
        System.setProperty("db.database-url", PostgresServer.freshDatabase("aieditor_social"));
        System.setProperty("social.channels", "mastodon");
        System.setProperty("social.mastodon.base-url", MASTODON.url());
        System.setProperty("social.mastodon.access-token", FakeMastodon.TOKEN);
    }

    @AfterAll
    static void stopMastodon() {
        MASTODON.close();
    }

    @Test
    void should_post_each_story_once_on_postgresql() throws Exception {
        assertThat(jdbc().queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        MASTODON.answerNext(FakeMastodon.error(422, "Validation failed: Text can't be blank"),
                FakeMastodon.unavailable(), FakeMastodon.unavailable(), FakeMastodon.unavailable());

        runPipeline(DATE);

        assertThat(lastJob("social_sync")).containsEntry("status", "completed").containsEntry("attempt", 2);
        assertThat(MASTODON.posts()).hasSize(8);
        assertThat(MASTODON.statuses()).hasSize(4);
        assertThat(jdbc().queryForMap("SELECT status, retryable, http_status FROM social_deliveries WHERE issue_date = ? AND slot = 1", DATE))
                .containsEntry("status", "failed").containsEntry("retryable", false).containsEntry("http_status", 422);

        // a new run tries the refused post again (an operator's, after fixing it); the posted ones stay as they are
        runStep("social_sync", DATE);
        assertThat(MASTODON.posts()).hasSize(9);
        assertThat(MASTODON.statuses()).hasSize(5);

        // a claim left by a job that died an hour ago is taken over, under the same key: Mastodon's first status
        String id = jdbc().queryForObject("SELECT remote_id FROM social_deliveries WHERE issue_date = ? AND slot = 4", String.class, DATE);
        jdbc().update("UPDATE social_deliveries SET status = 'sending', claimed_by = 'gone', claimed_at = ? WHERE issue_date = ? "
                + "AND slot = 4", Timestamp.from(Instant.now().minus(Duration.ofHours(1))), DATE);
        runStep("social_sync", DATE);
        assertThat(MASTODON.posts()).hasSize(10);
        assertThat(MASTODON.statuses()).hasSize(5);
        Map<String, Object> slot4 = jdbc().queryForMap("SELECT status, remote_id FROM social_deliveries WHERE issue_date = ? AND slot = 4", DATE);
        assertThat(slot4).containsEntry("status", "posted").containsEntry("remote_id", id);
        assertThat(count("SELECT COUNT(*) FROM social_deliveries WHERE status = 'posted'")).isEqualTo(5);
    }
}
