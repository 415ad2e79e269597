package aieditor.social_sync;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Where social_sync publishes its posts (social.* in application.properties), read once at start-up. No channel
 * (the default) keeps the posts stored only. A channel that is switched on without its URL or token, or with a
 * malformed one, stops start-up with a message naming the setting; the token and secret never appear in it.
 *
 * @param channels        social.channels: mastodon and/or webhook, in the order given
 * @param mastodon        the Mastodon account's settings, null unless the channel is on
 * @param webhook         the webhook's settings, null unless the channel is on
 * @param http            timeouts of every channel call
 * @param retry           attempts within one job, from the project's retry.* policy
 * @param maxRateLimitWait social.max-rate-limit-wait-seconds: a rate limit lifting sooner is waited out in the job
 * @param claimLease      social.claim-lease-minutes: how long another job keeps its hands off a post being sent
 */
public record SocialSettings(List<String> channels, Mastodon mastodon, Webhook webhook, Http http, Retry retry,
                             Duration maxRateLimitWait, Duration claimLease) {
    static final String MASTODON = "mastodon";
    static final String WEBHOOK = "webhook";
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    /** @param language ISO 639 code, or null to let Mastodon detect it */
    public record Mastodon(String baseUrl, String accessToken, String visibility, String language) {
        @Override
        public String toString() {
            return "Mastodon[" + baseUrl + ", visibility " + visibility + "]"; // never the token
        }
    }

    public record Webhook(String url, String secret) {
        @Override
        public String toString() {
            return "Webhook[" + url + "]"; // never the secret
        }
    }

    /** @param deadline for one call, however slowly its answer comes */
    public record Http(Duration connectTimeout, Duration responseTimeout, Duration deadline) {
    }

    /** Attempts of one post in one job: the first plus retry.max-redeliveries, waiting delay, delay x multiplier, ... */
    public record Retry(int maxAttempts, Duration delay, double multiplier, Duration maxDelay) {
        Duration backoff(int failedAttempts) {
            double millis = delay.toMillis() * Math.pow(multiplier, Math.max(failedAttempts - 1, 0));
            return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
        }
    }

    public SocialSettings {
        channels = List.copyOf(channels);
    }

    public boolean publishes() {
        return !channels.isEmpty();
    }

    public static SocialSettings read(Function<String, String> prop) {
        List<String> channels = channels(prop.apply("social.channels"));
        Mastodon mastodon = null;
        if (channels.contains(MASTODON)) {
            String visibility = prop.apply("social.mastodon.visibility").strip().toLowerCase(Locale.ROOT);
            if (!VISIBILITIES.contains(visibility)) {
                throw new IllegalArgumentException("social.mastodon.visibility must be public, unlisted, private or direct, not '"
                        + visibility + "'");
            }
            String language = prop.apply("social.mastodon.language").strip().toLowerCase(Locale.ROOT);
            if (!language.isEmpty() && !language.matches("[a-z]{2,3}")) {
                throw new IllegalArgumentException("social.mastodon.language must be an ISO 639 code such as en, or empty, not '"
                        + language + "'");
            }
            mastodon = new Mastodon(baseUrl(prop, "social.mastodon.base-url", "MASTODON_BASE_URL"),
                    secret(prop, "social.mastodon.access-token", "MASTODON_ACCESS_TOKEN", 1),
                    visibility, language.isEmpty() ? null : language);
        }
        Webhook webhook = null;
        if (channels.contains(WEBHOOK)) {
            // a guessable secret would let anyone sign: receivers could no longer tell our posts from forged ones
            webhook = new Webhook(webhookUrl(prop), secret(prop, "social.webhook.secret", "SOCIAL_WEBHOOK_SECRET", 16));
        }
        Http http = new Http(millis(prop, "social.connect-timeout-ms"), millis(prop, "social.response-timeout-ms"),
                millis(prop, "social.call-deadline-ms"));
        Retry retry = new Retry(1 + (int) number(prop, "retry.max-redeliveries", 0),
                Duration.ofMillis((long) number(prop, "retry.delay-ms", 0)), number(prop, "retry.backoff-multiplier", 0),
                Duration.ofMillis((long) number(prop, "retry.max-delay-ms", 0)));
        return new SocialSettings(channels, mastodon, webhook, http, retry,
                Duration.ofSeconds((long) number(prop, "social.max-rate-limit-wait-seconds", 0)),
                Duration.ofMinutes((long) number(prop, "social.claim-lease-minutes", 1)));
    }

    private static List<String> channels(String list) {
        List<String> channels = new ArrayList<>();
        for (String name : Arrays.stream(list.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList()) {
            if (!name.equals(MASTODON) && !name.equals(WEBHOOK)) {
                throw new IllegalArgumentException("social.channels: unknown channel '" + name + "'; known: mastodon, webhook");
            }
            if (!channels.contains(name)) {
                channels.add(name);
            }
        }
        return channels;
    }

    /** The instance's root: https://host[:port][/path], without a trailing slash (the route adds /api/v1/statuses). */
    private static String baseUrl(Function<String, String> prop, String key, String env) {
        URI uri = webUrl(prop, key, env);
        if (uri.toString().endsWith("/")) {
            throw new IllegalArgumentException(key + " must be given without a trailing slash, e.g. https://mastodon.social");
        }
        return uri.toString();
    }

    private static String webhookUrl(Function<String, String> prop) {
        URI uri = webUrl(prop, "social.webhook.url", "SOCIAL_WEBHOOK_URL");
        if (uri.getRawQuery() != null) {
            // the route adds its own options after '?'; a secret belongs in social.webhook.secret, not the URL
            throw new IllegalArgumentException("social.webhook.url must not carry a query string");
        }
        return uri.toString();
    }

    private static URI webUrl(Function<String, String> prop, String key, String env) {
        String value = prop.apply(key).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("social.channels has " + key.split("\\.")[1] + " on, but " + key + " ("
                    + env + ") is not set");
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            // the value itself is not shown: a URL pasted with credentials in it should not reach the log
            throw new IllegalArgumentException(key + " must be an http(s) URL such as https://host.example, with no "
                    + "credentials or fragment in it");
        }
    }

    private static String secret(Function<String, String> prop, String key, String env, int minLength) {
        String value = prop.apply(key).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("social.channels has " + key.split("\\.")[1] + " on, but " + key + " ("
                    + env + ") is not set");
        }
        if (value.length() < minLength || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(key + " (" + env + ") must be "
                    + (minLength > 1 ? "at least " + minLength + " characters without spaces" : "one word, without spaces"));
        }
        return value;
    }

    private static Duration millis(Function<String, String> prop, String key) {
        return Duration.ofMillis((long) number(prop, key, 1));
    }

    private static double number(Function<String, String> prop, String key, double min) {
        String value = prop.apply(key).strip();
        try {
            double n = Double.parseDouble(value);
            if (n < min || Double.isNaN(n) || Double.isInfinite(n)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of at least " + (long) min + ", not '" + value + "'");
        }
    }
}
