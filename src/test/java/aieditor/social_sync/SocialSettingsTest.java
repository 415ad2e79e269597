package aieditor.social_sync;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** social.* as start-up reads it: off by default; a channel switched on half-configured stops start-up, naming the setting. */
class SocialSettingsTest {
    private static final String TOKEN = "a-mastodon-token-nobody-may-see";

    private static Map<String, String> defaults() {
        Map<String, String> p = new HashMap<>();
        p.put("social.channels", "");
        p.put("social.mastodon.base-url", "");
        p.put("social.mastodon.access-token", "");
        p.put("social.mastodon.visibility", "public");
        p.put("social.mastodon.language", "");
        p.put("social.webhook.url", "");
        p.put("social.webhook.secret", "");
        p.put("social.connect-timeout-ms", "10000");
        p.put("social.response-timeout-ms", "30000");
        p.put("social.call-deadline-ms", "60000");
        p.put("social.max-rate-limit-wait-seconds", "60");
        p.put("social.claim-lease-minutes", "10");
        p.put("retry.max-redeliveries", "3");
        p.put("retry.delay-ms", "2000");
        p.put("retry.backoff-multiplier", "2");
        p.put("retry.max-delay-ms", "60000");
        return p;
    }

    private static SocialSettings read(Map<String, String> p) {
        return SocialSettings.read(p::get);
    }

    @Test
    void should_publish_nothing_by_default_even_with_an_account_configured() {
        Map<String, String> p = defaults();
        p.put("social.mastodon.base-url", "https://mastodon.example");
        p.put("social.mastodon.access-token", TOKEN);

        SocialSettings settings = read(p);

        assertThat(settings.publishes()).isFalse();
        assertThat(settings.mastodon()).isNull();
        assertThat(settings.retry().maxAttempts()).isEqualTo(4);
    }

    @Test
    void should_read_both_channels_in_the_order_given() {
        Map<String, String> p = defaults();
        p.put("social.channels", " Webhook, mastodon ,webhook");
        p.put("social.mastodon.base-url", "https://mastodon.example");
        p.put("social.mastodon.access-token", TOKEN);
        p.put("social.mastodon.visibility", "Unlisted");
        p.put("social.mastodon.language", "EN");
        p.put("social.webhook.url", "https://hooks.example/newsletter");
        p.put("social.webhook.secret", "0123456789abcdef");

        SocialSettings settings = read(p);

        assertThat(settings.channels()).containsExactly("webhook", "mastodon");
        assertThat(settings.mastodon().visibility()).isEqualTo("unlisted");
        assertThat(settings.mastodon().language()).isEqualTo("en");
        assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("0123456789abcdef");
    }

    @Test
    void should_name_the_setting_a_channel_lacks_and_never_show_a_token() {
        Map<String, String> p = defaults();
        p.put("social.channels", "mastodon");
        p.put("social.mastodon.access-token", TOKEN);
        assertThatThrownBy(() -> read(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("social.channels has mastodon on, but social.mastodon.base-url (MASTODON_BASE_URL) is not set");

        p.put("social.mastodon.base-url", "mastodon.example");
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("social.mastodon.base-url must be an http(s) URL");
        p.put("social.mastodon.base-url", "https://mastodon.example/");
        assertThatThrownBy(() -> read(p)).hasMessageContaining("without a trailing slash");
        p.put("social.mastodon.base-url", "https://user:" + TOKEN + "@mastodon.example");
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("social.mastodon.base-url must be").hasMessageNotContaining(TOKEN);

        p.put("social.mastodon.base-url", "https://mastodon.example");
        p.put("social.mastodon.access-token", " ");
        assertThatThrownBy(() -> read(p))
                .hasMessage("social.channels has mastodon on, but social.mastodon.access-token (MASTODON_ACCESS_TOKEN) is not set");
        p.put("social.mastodon.access-token", "two words " + TOKEN);
        assertThatThrownBy(() -> read(p)).hasMessageContaining("social.mastodon.access-token").hasMessageNotContaining(TOKEN);

        p.put("social.mastodon.access-token", TOKEN);
        p.put("social.mastodon.visibility", "everyone");
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("social.mastodon.visibility must be public, unlisted");
        p.put("social.mastodon.visibility", "public");
        p.put("social.mastodon.language", "english");
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("social.mastodon.language must be an ISO 639 code");
    }

    @Test
    void should_refuse_a_webhook_without_a_usable_url_or_a_strong_secret() {
        Map<String, String> p = defaults();
        p.put("social.channels", "webhook");
        p.put("social.webhook.secret", "0123456789abcdef");
        assertThatThrownBy(() -> read(p))
                .hasMessage("social.channels has webhook on, but social.webhook.url (SOCIAL_WEBHOOK_URL) is not set");
        p.put("social.webhook.url", "https://hooks.example/newsletter?token=abc");
        assertThatThrownBy(() -> read(p)).hasMessage("social.webhook.url must not carry a query string");
        p.put("social.webhook.url", "ftp://hooks.example/newsletter");
        assertThatThrownBy(() -> read(p)).hasMessageStartingWith("social.webhook.url must be an http(s) URL");

        p.put("social.webhook.url", "https://hooks.example/newsletter");
        p.put("social.webhook.secret", "short");
        assertThatThrownBy(() -> read(p))
                .hasMessage("social.webhook.secret (SOCIAL_WEBHOOK_SECRET) must be at least 16 characters without spaces");
    }

    @Test
    void should_refuse_an_unknown_channel() {
        Map<String, String> p = defaults();
        p.put("social.channels", "mastodon, bluesky");
        assertThatThrownBy(() -> read(p)).hasMessage("social.channels: unknown channel 'bluesky'; known: mastodon, webhook");
    }

    @Test
    void should_back_off_as_the_retry_policy_says() {
        SocialSettings.Retry retry = read(defaults()).retry();
        assertThat(retry.backoff(1).toMillis()).isEqualTo(2000);
        assertThat(retry.backoff(2).toMillis()).isEqualTo(4000);
        assertThat(retry.backoff(10).toMillis()).isEqualTo(60000);
    }
}
