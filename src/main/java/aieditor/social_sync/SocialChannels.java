package aieditor.social_sync;

import aieditor.ai.Providers;
import aieditor.ai.llm.Sleeper;
import aieditor.http.HttpRoutes;
import aieditor.http.LimitedCalls;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.Triggers;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Where social_sync's posts go out to readers, from {@link SocialSettings}: the publisher the step publishes through,
 * the hook that queues publishing once an issue is sent (routes/mautic_send.camel.yaml) and what the API shows of
 * the posts.
 */
public final class SocialChannels {
    private static final Logger LOG = LoggerFactory.getLogger(SocialChannels.class);

    private final SocialSettings settings;
    private final NamedParameterJdbcTemplate jdbc;
    private final Issues issues;
    private final JobControl control;
    private final SocialDeliveries deliveries;
    private final SocialPublisher publisher;
    private final Clock clock;

    public SocialChannels(SocialSettings settings, HttpRoutes routes, LimitedCalls limitedCalls, ObjectMapper json,
                          NamedParameterJdbcTemplate jdbc, Issues issues, JobControl control, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.issues = issues;
        this.control = control;
        this.clock = clock;
        ChannelHttp http = new ChannelHttp(routes, limitedCalls, settings.http().deadline(), json);
        List<SocialChannel> channels = new ArrayList<>();
        for (String name : settings.channels()) {
            channels.add(name.equals(SocialSettings.MASTODON)
                    ? new MastodonChannel(http, settings.mastodon(), clock)
                    : new WebhookChannel(http, settings.webhook(), clock));
        }
        if (channels.isEmpty()) {
            LOG.info("Social posts are stored only: social.channels is empty.");
        } else {
            LOG.info("Social posts go out to {} once their issue is sent.", settings.channels());
        }
        this.deliveries = new SocialDeliveries(jdbc, settings.claimLease());
        this.publisher = new SocialPublisher(channels, deliveries,
                new PostAttempts(settings.retry(), settings.maxRateLimitWait(), control, Sleeper.REAL, clock), issues, jdbc, clock);
    }

    /** The step (bean socialSync): writes each story's post, at most {@code maxChars} long, and publishes them here. */
    public SocialSyncStep step(DecoratedStories stories, Providers providers, int maxChars) {
        return new SocialSyncStep(jdbc, stories, providers, control, publisher, maxChars, clock);
    }

    /** Bean socialAfterSend: the send that sends an issue queues social_sync to publish its posts. */
    public SocialAfterSend afterSend(Triggers triggers) {
        return new SocialAfterSend(settings.channels(), issues, triggers);
    }

    /** What the API shows of the posts and their deliveries. */
    public SocialPosts posts() {
        return new SocialPosts(jdbc, deliveries, issues, settings.channels());
    }
}
