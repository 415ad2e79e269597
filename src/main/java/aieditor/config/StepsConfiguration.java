package aieditor.config;

import aieditor.ai.Providers;
import aieditor.ai_scoring.ScoringStep;
import aieditor.archive.ArchiveLinks;
import aieditor.decoration.DecorationStep;
import aieditor.decoration.SlotOutcomes;
import aieditor.html_compile.HtmlCompileStep;
import aieditor.http.LimitedCalls;
import aieditor.images.ImageHost;
import aieditor.images.ImagesStep;
import aieditor.ingest.ArticleStore;
import aieditor.ingest.FeedFetcher;
import aieditor.ingest.FullText;
import aieditor.ingest.HostPermits;
import aieditor.ingest.IngestSettings;
import aieditor.ingest.IngestStep;
import aieditor.ingest.Politeness;
import aieditor.ingest.SourcesInOrder;
import aieditor.mautic_send.Delivery;
import aieditor.mautic_send.MauticSendStep;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobStore;
import aieditor.prefilter.PrefilterLog;
import aieditor.prefilter.PrefilterStep;
import aieditor.slot_selection.SlotSelectionStep;
import aieditor.social_sync.SocialChannels;
import aieditor.store.Articles;
import aieditor.store.AuditLog;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.Sources;
import aieditor.store.SystemPrompts;
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
 * The steps' beans, by the names their routes call them (routes/&lt;step&gt;.camel.yaml), each with its settings as a
 * record of typed values, and the pools the fan-out steps run their branches in.
 */
public class StepsConfiguration implements CamelConfiguration {
    @PropertyInject("aieditor.data-dir")
    String dataDir;

    @PropertyInject("ingest.parallelism")
    int ingestParallelism;
    @PropertyInject("ingest.max-per-host")
    int ingestMaxPerHost;
    @PropertyInject("ingest.fetch-deadline-ms")
    long ingestFetchDeadlineMs;
    @PropertyInject("ingest.max-feed-bytes")
    long ingestMaxFeedBytes;
    @PropertyInject("ingest.full-text.enabled")
    boolean fullTextEnabled;
    @PropertyInject("ingest.full-text.max-bytes")
    long fullTextMaxBytes;
    @PropertyInject("ingest.full-text.deadline-ms")
    long fullTextDeadlineMs;
    @PropertyInject("ingest.full-text.max-per-job")
    int fullTextMaxPerJob;
    @PropertyInject("ingest.full-text.max-per-host")
    int fullTextMaxPerHost;
    @PropertyInject("ingest.full-text.private-hosts")
    boolean fullTextPrivateHosts;

    @PropertyInject("scoring.parallelism")
    int scoringParallelism;
    @PropertyInject("scoring.keywords")
    String scoringKeywords;
    @PropertyInject("scoring.source-weights")
    String scoringSourceWeights;
    @PropertyInject("scoring.default-source-weight")
    double scoringDefaultSourceWeight;
    @PropertyInject("scoring.recency-half-life-hours")
    double scoringHalfLifeHours;
    @PropertyInject("scoring.window-hours")
    int scoringWindowHours;

    @PropertyInject("prefilter.max-age-hours")
    int prefilterMaxAgeHours;
    @PropertyInject("prefilter.min-score")
    double prefilterMinScore;
    @PropertyInject("prefilter.min-relevance")
    double prefilterMinRelevance;
    @PropertyInject("prefilter.min-words")
    int prefilterMinWords;
    @PropertyInject("prefilter.featured-lookback-days")
    int prefilterFeaturedLookbackDays;
    @PropertyInject("ingest.title-similarity")
    double titleSimilarity;

    @PropertyInject("slots.count")
    int slots;
    @PropertyInject("slots.max-per-source")
    int slotsMaxPerSource;

    @PropertyInject("decoration.parallelism")
    int decorationParallelism;
    @PropertyInject("decoration.headline-max-chars")
    int headlineMaxChars;
    @PropertyInject("decoration.max-input-chars")
    int maxInputChars;

    @PropertyInject("images.width")
    int imageWidth;
    @PropertyInject("images.height")
    int imageHeight;
    @PropertyInject("images.jpeg-quality")
    float jpegQuality;
    @PropertyInject("images.public-base-url")
    String imagesPublicBaseUrl;

    @PropertyInject("newsletter.title")
    String title;
    @PropertyInject("newsletter.unsubscribe-url")
    String unsubscribeUrl;
    @PropertyInject("newsletter.max-html-bytes")
    int maxHtmlBytes;
    @PropertyInject("newsletter.public-base-url")
    String publicBaseUrl;
    @PropertyInject("approval.auto-approve")
    boolean autoApprove;
    @PropertyInject("newsletter.delivery-lease-minutes")
    long deliveryLeaseMinutes;

    @PropertyInject("social.parallelism")
    int socialParallelism;
    @PropertyInject("social.max-chars")
    int socialMaxChars;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        pools(context);
        NamedParameterJdbcTemplate jdbc = mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class);
        Clock clock = mandatoryLookup(context, "clock", Clock.class);
        Issues issues = mandatoryLookup(context, "issues", Issues.class);
        Articles articles = mandatoryLookup(context, "articles", Articles.class);
        SystemPrompts prompts = mandatoryLookup(context, "systemPrompts", SystemPrompts.class);
        DecoratedStories stories = mandatoryLookup(context, "decoratedStories", DecoratedStories.class);
        JobControl control = mandatoryLookup(context, "jobControl", JobControl.class);
        JobStore jobStore = mandatoryLookup(context, "jobStore", JobStore.class);
        Providers providers = new Providers(context);

        ingest(context, jdbc, control, clock);
        registry.bind("aiScoring", new ScoringStep(jdbc, articles, providers, prompts, ScoringStep.ScoringSettings.parse(
                scoringKeywords, scoringSourceWeights, scoringDefaultSourceWeight, scoringHalfLifeHours, scoringWindowHours),
                jobStore, clock));
        PrefilterLog prefilterLog = new PrefilterLog(jdbc, clock);
        registry.bind("prefilterLog", prefilterLog);
        registry.bind("prefilter", new PrefilterStep(jdbc, prefilterLog, new PrefilterStep.Settings(prefilterMaxAgeHours,
                prefilterMinScore, prefilterMinRelevance, prefilterMinWords, prefilterFeaturedLookbackDays, titleSimilarity), clock));
        registry.bind("slotSelection", new SlotSelectionStep(jdbc, prefilterLog, issues,
                new SlotSelectionStep.Settings(slots, slotsMaxPerSource), clock));
        registry.bind("decoration", new DecorationStep(jdbc, articles, issues, providers, prompts, new ObjectMapper(),
                control, jobStore, new DecorationStep.Settings(headlineMaxChars, maxInputChars), clock));
        registry.bind("slotOutcomes", new SlotOutcomes());
        registry.bind("images", new ImagesStep(jdbc, stories, issues, providers, control, Path.of(dataDir).resolve("images"),
                mandatoryLookup(context, "imageHost", ImageHost.class),
                new ImagesStep.Settings(imageWidth, imageHeight, jpegQuality, imagesPublicBaseUrl), clock));
        // the email's "View in browser" link to the issue in the public archive (/archive/)
        registry.bind("htmlCompile", new HtmlCompileStep(stories, issues, ArchiveLinks.of(publicBaseUrl)::viewInBrowser,
                new HtmlCompileStep.Settings(title, unsubscribeUrl, maxHtmlBytes, autoApprove)));
        registry.bind("mauticSend", new MauticSendStep(jdbc, issues, stories, mandatoryLookup(context, "auditLog", AuditLog.class),
                mandatoryLookup(context, "delivery", Delivery.class),
                new MauticSendStep.Settings(title, unsubscribeUrl, Duration.ofMinutes(deliveryLeaseMinutes)), clock));
        registry.bind("socialSync", mandatoryLookup(context, "socialChannels", SocialChannels.class)
                .step(stories, providers, socialMaxChars));
    }

    /** The fan-out steps' parallelism is configuration, and Camel shuts these pools down with the context. */
    private void pools(CamelContext context) {
        var executors = context.getExecutorServiceManager();
        context.getRegistry().bind("ingestPool", executors.newFixedThreadPool(this, "ingest", ingestParallelism));
        context.getRegistry().bind("scoringPool", executors.newFixedThreadPool(this, "scoring", scoringParallelism));
        context.getRegistry().bind("decorationPool", executors.newFixedThreadPool(this, "decoration", decorationParallelism));
        context.getRegistry().bind("socialPool", executors.newFixedThreadPool(this, "social", socialParallelism));
    }

    /**
     * Ingest's settings are values (IngestSettings): a malformed one stops start-up here, naming its setting. Each
     * feed is fetched under limits, holding one of its host's permits, and politely (Politeness); entries of remote
     * feeds that carry only a summary are completed from their pages, through the same fetcher.
     */
    private void ingest(CamelContext context, NamedParameterJdbcTemplate jdbc, JobControl control, Clock clock) {
        Registry registry = context.getRegistry();
        IngestSettings settings = IngestSettings.read(new ConfigProperties(context)::required);
        FeedFetcher feedFetcher = new FeedFetcher(context, mandatoryLookup(context, "limitedCalls", LimitedCalls.class),
                new HostPermits(ingestMaxPerHost), new Politeness(settings.userAgent(), settings.maxRetryWait(), clock),
                Duration.ofMillis(ingestFetchDeadlineMs), ingestMaxFeedBytes);
        registry.bind("feedFetcher", feedFetcher);
        registry.bind("fullText", new FullText(new FullText.Settings(fullTextEnabled, fullTextMaxBytes,
                Duration.ofMillis(fullTextDeadlineMs), fullTextMaxPerJob, fullTextMaxPerHost, fullTextPrivateHosts),
                feedFetcher, jdbc, control));
        registry.bind("sourcesInOrder", new SourcesInOrder(clock));
        registry.bind("ingest", new IngestStep(settings, new ArticleStore(jdbc, clock),
                mandatoryLookup(context, "sources", Sources.class), feedFetcher, clock));
    }
}
