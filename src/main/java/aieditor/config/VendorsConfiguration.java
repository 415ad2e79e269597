package aieditor.config;

import aieditor.ai.Providers;
import aieditor.ai.offline.OfflineImageProvider;
import aieditor.airtable.AirtableClient;
import aieditor.airtable.AirtableSync;
import aieditor.http.HttpRoutes;
import aieditor.http.LimitedCalls;
import aieditor.images.CloudinaryHost;
import aieditor.images.GeneratedImageProvider;
import aieditor.images.ImageHost;
import aieditor.ingest.AirtableArticles;
import aieditor.mautic_send.Deliveries;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.Triggers;
import aieditor.social_sync.SocialChannels;
import aieditor.social_sync.SocialSettings;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The vendors reached over the routes in routes/*.camel.yaml: the newsletter's delivery (newsletter.delivery: outbox,
 * Mautic or SMTP), Airtable (airtable.*), image generation and Cloudinary hosting (images.generation.*,
 * images.cloudinary-*), and the channels social posts go out to (social.*).
 */
public class VendorsConfiguration implements CamelConfiguration {
    @PropertyInject("newsletter.delivery")
    String delivery;
    @PropertyInject("newsletter.outbox-dir")
    String outboxDir;
    @PropertyInject("newsletter.from")
    String from;
    @PropertyInject("newsletter.to")
    String to;
    @PropertyInject("newsletter.unsubscribe-mailto")
    String unsubscribeMailto;
    @PropertyInject("newsletter.smtp.host")
    String smtpHost;
    @PropertyInject("newsletter.smtp.port")
    String smtpPort;
    @PropertyInject("mautic.base-url")
    String mauticBaseUrl;
    @PropertyInject("mautic.auth")
    String mauticAuth;
    @PropertyInject("mautic.client-id")
    String mauticClientId;
    @PropertyInject("mautic.client-secret")
    String mauticClientSecret;
    @PropertyInject("mautic.username")
    String mauticUsername;
    @PropertyInject("mautic.password")
    String mauticPassword;
    @PropertyInject("mautic.segment-ids")
    String mauticSegmentIds;
    @PropertyInject("mautic.email-name-prefix")
    String mauticEmailNamePrefix;

    @PropertyInject("airtable.token")
    String airtableToken;
    @PropertyInject("airtable.rate-limit-pause-ms")
    long airtableRateLimitPauseMs;
    @PropertyInject("airtable.rate-limit-retries")
    int airtableRateLimitRetries;
    @PropertyInject("airtable.articles-base")
    String airtableArticlesBase;
    @PropertyInject("airtable.articles-table")
    String airtableArticlesTable;
    @PropertyInject("airtable.articles-fields")
    String airtableArticlesFields;
    @PropertyInject("airtable.editor-base")
    String airtableEditorBase;
    @PropertyInject("airtable.selects-table")
    String airtableSelectsTable;
    @PropertyInject("airtable.decorations-table")
    String airtableDecorationsTable;

    @PropertyInject("images.generation.base-url")
    String imageGenerationBaseUrl;
    @PropertyInject("images.generation.api-key")
    String imageGenerationApiKey;
    @PropertyInject("images.generation.model")
    String imageGenerationModel;
    @PropertyInject("images.generation.size")
    String imageGenerationSize;
    @PropertyInject("images.cloudinary-url")
    String cloudinaryUrl;
    @PropertyInject("images.cloudinary-folder")
    String cloudinaryFolder;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Clock clock = mandatoryLookup(context, "clock", Clock.class);
        HttpRoutes http = new HttpRoutes(context);
        Deliveries.Envelope envelope = new Deliveries.Envelope(from, to, unsubscribeMailto);
        Deliveries.Mautic mautic = new Deliveries.Mautic(mauticBaseUrl, mauticAuth, mauticClientId, mauticClientSecret,
                mauticUsername, mauticPassword, mauticSegmentIds, mauticEmailNamePrefix);
        registry.bind("delivery", Deliveries.configured(new Deliveries.Settings(delivery, Path.of(outboxDir), envelope,
                mautic, smtpHost + ":" + smtpPort), context, http, json, clock));

        airtable(context, http);
        images(registry, http, clock);

        // social_sync stores its posts and, with social.channels set, publishes them once the issue is sent
        Issues issues = mandatoryLookup(context, "issues", Issues.class);
        SocialChannels social = new SocialChannels(SocialSettings.read(new ConfigProperties(context)::required), http,
                mandatoryLookup(context, "limitedCalls", LimitedCalls.class), json,
                mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class), issues,
                mandatoryLookup(context, "jobControl", JobControl.class), clock);
        registry.bind("socialChannels", social);
        registry.bind("socialAfterSend", social.afterSend(mandatoryLookup(context, "triggers", Triggers.class)));
    }

    /** Ingest reads candidate articles from one base; slot_selection and decoration copy the issue to another. */
    private void airtable(CamelContext context, HttpRoutes http) {
        AirtableClient client = new AirtableClient(http, json, airtableToken, Duration.ofMillis(airtableRateLimitPauseMs),
                airtableRateLimitRetries);
        context.getRegistry().bind("airtableArticles", new AirtableArticles(client, airtableArticlesBase,
                airtableArticlesTable, airtableArticlesFields));
        context.getRegistry().bind("airtableSync", new AirtableSync(client,
                mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class),
                mandatoryLookup(context, "decoratedStories", DecoratedStories.class), airtableEditorBase,
                airtableSelectsTable, airtableDecorationsTable));
    }

    /** Generated images replace the offline cards when an image API is configured; Cloudinary hosts them when set. */
    private void images(Registry registry, HttpRoutes http, Clock clock) {
        OfflineImageProvider offline = new OfflineImageProvider();
        registry.bind(Providers.IMAGES, imageGenerationBaseUrl.isBlank() ? offline
                : new GeneratedImageProvider(http, json, imageGenerationApiKey, imageGenerationModel, imageGenerationSize,
                offline));
        registry.bind("imageHost", cloudinaryUrl.isBlank() ? ImageHost.NONE
                : new CloudinaryHost(http, json, cloudinaryUrl, cloudinaryFolder, clock));
    }
}
