package aieditor.social_sync;

import aieditor.fixtures.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees who switches Mastodon on and forgets its URL: the process stops at once, naming the setting. */
class SocialStartupTest {

    @Test
    void should_refuse_to_start_with_a_channel_on_and_its_url_missing_without_showing_the_token() throws Exception {
        String token = "a-token-that-must-never-be-logged";
        ChildJvm run = ChildJvm.run("social-startup", Map.of(
                "db.url", "jdbc:h2:mem:social-startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "aieditor.data-dir", "target/test-data/social-startup",
                "social.channels", "mastodon", "social.mastodon.access-token", token), LocalDate.of(2026, 11, 27));

        int exit = run.waitFor(Duration.ofSeconds(120));

        assertThat(exit).isNotZero();
        assertThat(run.log()).contains("social.channels has mastodon on, but social.mastodon.base-url (MASTODON_BASE_URL) is not set")
                .doesNotContain(token).doesNotContain("Pipeline run for issue");
    }
}
