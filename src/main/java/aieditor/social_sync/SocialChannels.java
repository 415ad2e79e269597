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
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds social_sync and its channels from social.* (see {@link SocialSettings}) and names the beans the routes call:
 * socialSync (routes/social_sync.camel.yaml) and socialAfterSend (routes/mautic_send.camel.yaml); returns what the API
 * shows of the posts.
 */
public final class SocialChannels {
    private static final Logger LOG = LoggerFactory.getLogger(SocialChannels.class);

    private SocialChannels() {
    }

    /** @param prop reads a configuration property, failing when it is missing */
    public static SocialPosts configure(CamelContext context, Function<String, String> prop,
                                             NamedParameterJdbcTemplate jdbc, ObjectMapper json, DecoratedStories stories,
                                             Issues issues, Providers providers, JobControl control, LimitedCalls limitedCalls,
                                             Triggers triggers) {
        SocialSettings settings = SocialSettings.read(prop);
        Clock clock = Clock.systemUTC();
        ChannelHttp http = new ChannelHttp(new HttpRoutes(context), limitedCalls, settings.http().deadline(), json);
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
        SocialDeliveries deliveries = new SocialDeliveries(jdbc, settings.claimLease());
        SocialPublisher publisher = new SocialPublisher(channels, deliveries,
                new PostAttempts(settings.retry(), settings.maxRateLimitWait(), control, Sleeper.REAL, clock), issues, jdbc, clock);
        context.getRegistry().bind("socialSync", new SocialSyncStep(jdbc, stories, providers, control, publisher));
        context.getRegistry().bind("socialAfterSend", new SocialAfterSend(settings.channels(), issues, triggers));
        return new SocialPosts(jdbc, deliveries, issues, settings.channels());
    }
}
