package aieditor;

import aieditor.ai.Providers;
import aieditor.api.ApiSupport;
import aieditor.api.IssueApprovals;
import aieditor.api.JobsApi;
import aieditor.api.OpsApi;
import aieditor.api.SourcesApi;
import aieditor.api.UsageApi;
import aieditor.ai.llm.CallGuard;
import aieditor.ai.llm.LlmCalls;
import aieditor.ai.llm.LlmPrices;
import aieditor.ai.llm.UsageLog;
import aieditor.airtable.AirtableClient;
import aieditor.archive.ArchiveHttp;
import aieditor.archive.ArchiveLinks;
import aieditor.airtable.AirtableSync;
import aieditor.ingest.AirtableArticles;
import aieditor.ai.offline.OfflineImageProvider;
import aieditor.ai_scoring.ScoringStep;
import aieditor.pipeline.DeadLetters;
import aieditor.decoration.DecorationStep;
import aieditor.decoration.SlotOutcomes;
import aieditor.html_compile.HtmlCompileStep;
import aieditor.images.CloudinaryHost;
import aieditor.images.GeneratedImageProvider;
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
import aieditor.mautic_send.MauticSendStep;
import aieditor.mautic_send.SendSchedule;
import aieditor.mautic_send.SendTiming;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobEngine;
import aieditor.pipeline.JobPolicy;
import aieditor.pipeline.JobQueue;
import aieditor.pipeline.JobRecovery;
import aieditor.pipeline.JobStore;
import aieditor.mautic_send.Deliveries;
import aieditor.mautic_send.Delivery;
import aieditor.http.HttpRoutes;
import aieditor.http.LimitedCalls;
import aieditor.observe.Observability;
import aieditor.observe.WorkerMetrics;
import aieditor.pipeline.MissedFires;
import aieditor.pipeline.NextFires;
import aieditor.pipeline.QuartzSchedule;
import aieditor.pipeline.ScheduleSettings;
import aieditor.pipeline.ScheduledSteps;
import aieditor.pipeline.Step;
import aieditor.pipeline.Steps;
import aieditor.pipeline.PipelineRuns;
import aieditor.pipeline.Triggers;
import aieditor.pipeline.WaitingReasons;
import aieditor.prefilter.PrefilterLog;
import aieditor.queue.RedisTransport;
import aieditor.prefilter.PrefilterStep;
import aieditor.slot_selection.SlotSelectionStep;
import aieditor.social_sync.SocialChannels;
import aieditor.store.Articles;
import aieditor.store.AuditLog;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.LlmUsage;
import aieditor.store.DatabaseUrl;
import aieditor.store.Sources;
import aieditor.store.Store;
import aieditor.store.SystemPrompts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds and names every bean the routes call, from application.properties. The bean names are the ones the
 * YAML routes use ({@code bean: {ref: decoration, ...}}).
 */
public class AppConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent props = context.getPropertiesComponent();
        Registry registry = context.getRegistry();

        // DATABASE_URL (distributed mode) wins over the embedded database
        String databaseUrl = props.resolveProperty("db.database-url").orElse("");
        String embedded = props.resolveProperty("db.url").filter(u -> !u.isBlank())
                .orElseGet(() -> Store.embeddedUrl(Path.of(prop(props, "aieditor.data-dir"))));
        DatabaseUrl db = databaseUrl.isBlank()
                ? new DatabaseUrl(embedded, prop(props, "db.user"), props.resolveProperty("db.password").orElse(""))
                : DatabaseUrl.parse(databaseUrl);
        Store store = new Store(db.jdbcUrl(), db.user(), db.password(), Integer.parseInt(prop(props, "db.pool-size")),
                Duration.ofSeconds(Long.parseLong(prop(props, "db.startup-wait-seconds"))));
        // every part tells the time by this clock; a test may bind its own before start-up to move time
        Clock clock = Optional.ofNullable(registry.lookupByNameAndType("clock", Clock.class)).orElseGet(Clock::systemUTC);
        registry.bind("clock", clock);
        // the chain (pipeline.steps): its steps' cron routes come from routes/schedule.camel.yaml's template
        Steps steps = Steps.read(props::resolveProperty);
        registry.bind("steps", steps);
        registry.bind("scheduledSteps", new ScheduledSteps(steps));
        ScheduleSettings schedule = ScheduleSettings.read(key -> prop(props, key), steps);
        QuartzSchedule.configure(context, schedule, databaseUrl.isBlank() ? null : db);
        context.addService(store, true, true);
        NamedParameterJdbcTemplate jdbc = store.jdbc();
        registry.bind("dataSource", store.dataSource());

        ObjectMapper json = new ObjectMapper();
        Path dataDir = Path.of(prop(props, "aieditor.data-dir"));
        AuditLog audit = new AuditLog(jdbc);
        Issues issues = new Issues(jdbc, audit);
        registry.bind("issues", issues);
        Articles articles = new Articles(jdbc);
        SystemPrompts prompts = new SystemPrompts(jdbc);
        DecoratedStories stories = new DecoratedStories(jdbc, json);
        PrefilterLog prefilterLog = new PrefilterLog(jdbc);
        Providers providers = new Providers(context);

        Map<Step.Queue, Integer> caps = new EnumMap<>(Step.Queue.class);
        for (Step.Queue q : Step.Queue.values()) {
            caps.put(q, Integer.parseInt(prop(props, "queue.max-running." + q.id())));
        }
        // REDIS_URL (distributed mode) moves the queues between steps from SEDA to Redis
        String redisUrl = props.resolveProperty("queue.redis-url").orElse("");
        if (!redisUrl.isBlank()) {
            RedisTransport.configure(context, redisUrl, caps, Integer.parseInt(prop(props, "queue.workers")));
        }

        // Observability: worker meters, health checks, Jolokia access (see aieditor.observe)
        WorkerMetrics workerMetrics = Observability.configure(context, store, steps);

        PipelineRuns runs = new PipelineRuns();
        JobControl control = new JobControl();
        DeadLetters deadLetters = new DeadLetters(jdbc, json,
                Duration.ofDays(Long.parseLong(prop(props, "deadletter.retention-days"))), clock);
        Map<Step, Integer> maxAttempts = new HashMap<>();
        Map<Step, Duration> timeouts = new HashMap<>();
        for (Step step : steps.all()) {
            maxAttempts.put(step, Integer.parseInt(stepProp(props, "jobs.max-attempts", step)));
            timeouts.put(step, Duration.ofSeconds(Long.parseLong(stepProp(props, "jobs.timeout-seconds", step))));
        }
        JobPolicy policy = new JobPolicy(maxAttempts::get,
                Duration.ofSeconds(Long.parseLong(prop(props, "jobs.retry-base-delay-seconds"))), timeouts::get,
                Integer.parseInt(prop(props, "jobs.max-redeliveries")));
        JobStore jobStore = new JobStore(jdbc, clock);
        JobQueue jobQueue = new JobQueue(caps);
        JobEngine engine = new JobEngine(jobStore, steps, new JobEngine.Parts(control, deadLetters, json, runs, policy,
                workerMetrics, new JobRecovery.Settings(Duration.ofSeconds(Long.parseLong(prop(props, "jobs.heartbeat-seconds"))),
                        Duration.ofSeconds(Long.parseLong(prop(props, "jobs.lost-after-seconds"))),
                        Duration.ofSeconds(Long.parseLong(prop(props, "jobs.hand-off-seconds")))), clock),
                jobQueue::release, signalSender(context),
                () -> registry.lookupByNameAndType("queueTransport", aieditor.queue.QueueTransport.class).jobsHeld());
        context.addStartupListener(new aieditor.pipeline.SignalListening(
                Duration.ofSeconds(Long.parseLong(prop(props, "jobs.heartbeat-seconds")))));
        registry.bind("jobLifecycle", engine.lifecycle());
        registry.bind("jobRetries", engine.retries());
        registry.bind("jobRecovery", engine.recovery());
        registry.bind("jobWatchdog", engine.watchdog());
        registry.bind("jobCancellation", engine.cancellation());
        Triggers triggers = new Triggers(context, runs, jobStore, steps);
        registry.bind("pipelineRuns", runs);
        registry.bind("jobControl", control);
        registry.bind("redeliverWhileWanted", new aieditor.pipeline.RedeliverWhileWanted(control,
                Integer.parseInt(prop(props, "retry.max-redeliveries"))));
        context.getCamelContextExtension().addInterceptStrategy(new aieditor.pipeline.ErrorsAsFailures());
        registry.bind("jobQueue", jobQueue);
        registry.bind("triggers", triggers);

        // Each task's provider comes from ai.<task>.provider; without its API key the offline one stands in.
        MeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (meters == null) {
            meters = new SimpleMeterRegistry();
            registry.bind("metricsRegistry", meters);
        }
        // camel-http endpoints with httpClientConfigurer=#limitedCalls get deadlines and body caps (aieditor.http);
        // a job's stop closes its calls in flight: ingest's feed fetches and the model calls (routes/llm.camel.yaml)
        LimitedCalls limitedCalls = new LimitedCalls(
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "http-deadlines"));
        registry.bind("limitedCalls", limitedCalls);
        control.onStop(jobId -> limitedCalls.abort(jobId, "the job was asked to stop"));
        // a stopped job starts no model call; every call is a row in llm_usage at its model's price (ai.price.*)
        CallGuard callGuard = engine.cancellation()::callsStopped;
        registry.bind("llmCalls", new LlmCalls(limitedCalls, callGuard,
                Duration.ofMillis(Long.parseLong(prop(props, "ai.http.call-deadline-ms"))),
                Long.parseLong(prop(props, "ai.http.max-response-bytes"))));
        LlmPrices prices = new LlmPrices(props::resolveProperty);
        ProviderSelection ai = new ProviderSelection(context, prompts, new UsageLog(jdbc, meters, prices), callGuard);
        registry.bind(Providers.SCORING, ai.scoring());
        registry.bind(Providers.CLEANING, ai.cleaning());
        registry.bind(Providers.DECORATION, ai.decoration());
        registry.bind(Providers.BOLDING, ai.bolding());
        registry.bind(Providers.SOCIAL, ai.social());
        registry.bind(Providers.IMAGES, new OfflineImageProvider());

        // The fan-out steps' parallelism is configuration, and Camel shuts these pools down with the context.
        registry.bind("scoringPool", context.getExecutorServiceManager().newFixedThreadPool(this, "scoring",
                Integer.parseInt(prop(props, "scoring.parallelism"))));
        registry.bind("decorationPool", context.getExecutorServiceManager().newFixedThreadPool(this, "decoration",
                Integer.parseInt(prop(props, "decoration.parallelism"))));
        registry.bind("socialPool", context.getExecutorServiceManager().newFixedThreadPool(this, "social",
                Integer.parseInt(prop(props, "social.parallelism"))));
        registry.bind("ingestPool", context.getExecutorServiceManager().newFixedThreadPool(this, "ingest",
                Integer.parseInt(prop(props, "ingest.parallelism"))));

        // ingest's settings are values (IngestSettings): a malformed one stops start-up here, naming its setting.
        // Each feed is fetched under limits, holding one of its host's permits, and politely (Politeness).
        IngestSettings ingestSettings = IngestSettings.read(key -> prop(props, key));
        FeedFetcher feedFetcher = new FeedFetcher(context, limitedCalls,
                new HostPermits(Integer.parseInt(prop(props, "ingest.max-per-host"))),
                new Politeness(ingestSettings.userAgent(), ingestSettings.maxRetryWait(), Clock.systemUTC()),
                Duration.ofMillis(Long.parseLong(prop(props, "ingest.fetch-deadline-ms"))),
                Long.parseLong(prop(props, "ingest.max-feed-bytes")));
        registry.bind("feedFetcher", feedFetcher);
        // entries of remote feeds that carry only a summary are completed from their pages, through the same fetcher
        registry.bind("fullText", new FullText(new FullText.Settings(
                Boolean.parseBoolean(prop(props, "ingest.full-text.enabled")),
                Long.parseLong(prop(props, "ingest.full-text.max-bytes")),
                Duration.ofMillis(Long.parseLong(prop(props, "ingest.full-text.deadline-ms"))),
                Integer.parseInt(prop(props, "ingest.full-text.max-per-job")),
                Integer.parseInt(prop(props, "ingest.full-text.max-per-host")),
                Boolean.parseBoolean(prop(props, "ingest.full-text.private-hosts"))), feedFetcher, jdbc, control));
        registry.bind("sourcesInOrder", new SourcesInOrder());
        Sources sources = new Sources(jdbc, json);
        registry.bind("ingest", new IngestStep(ingestSettings, new ArticleStore(jdbc), sources, feedFetcher,
                Clock.systemUTC()));
        registry.bind("aiScoring", new ScoringStep(jdbc, articles, providers, prompts, ScoringStep.ScoringSettings.parse(
                prop(props, "scoring.keywords"), prop(props, "scoring.source-weights"),
                Double.parseDouble(prop(props, "scoring.default-source-weight")),
                Double.parseDouble(prop(props, "scoring.recency-half-life-hours")),
                Integer.parseInt(prop(props, "scoring.window-hours"))), jobStore));
        registry.bind("prefilter", new PrefilterStep(jdbc, prefilterLog));
        registry.bind("slotSelection", new SlotSelectionStep(jdbc, prefilterLog, issues));
        registry.bind("decoration", new DecorationStep(jdbc, articles, issues, providers, prompts, json, control, jobStore));
        registry.bind("slotOutcomes", new SlotOutcomes());
        ImagesStep imagesStep = new ImagesStep(jdbc, stories, issues, providers, control, dataDir.resolve("images"),
                images(context, props, json), Float.parseFloat(prop(props, "images.jpeg-quality")));
        registry.bind("images", imagesStep);
        // the public archive of sent issues (/archive/) and the email's "View in browser" link to it
        ArchiveLinks archiveLinks = ArchiveLinks.of(prop(props, "newsletter.public-base-url"));
        registry.bind("archive", new ArchiveHttp(jdbc, stories, imagesStep::folder, archiveLinks, prop(props, "newsletter.title")));
        registry.bind("htmlCompile", new HtmlCompileStep(stories, issues, archiveLinks::viewInBrowser,
                new HtmlCompileStep.Settings(prop(props, "newsletter.title"), prop(props, "newsletter.unsubscribe-url"),
                        Integer.parseInt(prop(props, "newsletter.max-html-bytes")),
                        Boolean.parseBoolean(prop(props, "approval.auto-approve")))));
        MauticSendStep sending = new MauticSendStep(jdbc, issues, stories, audit, delivery(context, props, json),
                Duration.ofMinutes(Long.parseLong(prop(props, "newsletter.delivery-lease-minutes"))),
                prop(props, "newsletter.title"), prop(props, "newsletter.unsubscribe-url"));
        registry.bind("mauticSend", sending);
        context.addStartupListener(new aieditor.api.HttpErrors());
        ApiSupport api = new ApiSupport(props.resolveProperty("api.trigger-secret").orElse(""),
                Integer.parseInt(prop(props, "api.max-body-bytes")));
        MissedFires missedFires = new MissedFires(jdbc, schedule, steps, Clock.systemUTC());
        registry.bind("missedFires", missedFires);
        WaitingReasons waitingReasons = new WaitingReasons(new WaitingReasons.Settings(
                Integer.parseInt(prop(props, "queue.workers")), caps,
                Duration.ofSeconds(Long.parseLong(prop(props, "queue.untaken-after-seconds"))), schedule.zone(),
                MauticSendStep.ID), Clock.systemUTC());
        registry.bind("jobsApi", new JobsApi(api, triggers, engine.cancellation(), jobStore, schedule, missedFires,
                new NextFires(context, databaseUrl.isBlank() ? null : jdbc), waitingReasons, issues));
        // in distributed mode a scheduler process fires the crons even when this one (web, worker) does not
        boolean scheduleRuns = schedule.enabled() || !databaseUrl.isBlank();
        SendTiming sendTiming = new SendTiming(new SendSchedule(schedule),
                SendTiming.WhenPast.parse(prop(props, "approval.send-when-past")), scheduleRuns, Clock.systemUTC());
        IssueApprovals approvals = new IssueApprovals(issues, triggers, sendTiming, sending, audit);
        registry.bind("opsApi", new OpsApi(api, deadLetters, triggers, issues, sending, approvals));
        registry.bind("usageApi", new UsageApi(api, new LlmUsage(jdbc)));
        registry.bind("sourcesApi", new SourcesApi(api, sources));
        // the editor's desk (/desk/) and the slot editing it shares with the REST API (aieditor.desk)
        aieditor.desk.Desk.configure(context, jdbc, json, audit, approvals, jobStore, deadLetters, schedule.zone());
        registry.bind("editingApi", new aieditor.api.EditingApi(api, registry.lookupByNameAndType("issueEditor",
                aieditor.api.IssueEditor.class), approvals));

        // social_sync stores its posts and, with social.channels set, publishes them once the issue is sent
        registry.bind("socialApi", new aieditor.api.SocialApi(api, SocialChannels.configure(context, key -> prop(props, key),
                jdbc, json, stories, issues, providers, control, limitedCalls, triggers)));
        airtable(context, props, json, jdbc, stories);
    }

    /** Sends a job signal to every process through routes/jobs.camel.yaml (the template is made on first use). */
    private static java.util.function.Consumer<String> signalSender(CamelContext context) {
        org.apache.camel.ProducerTemplate[] template = new org.apache.camel.ProducerTemplate[1];
        return signal -> {
            synchronized (template) {
                if (template[0] == null) {
                    template[0] = context.createProducerTemplate();
                }
            }
            template[0].sendBody("direct:job-signal", signal);
        };
    }

    /** A per-step setting: {@code key.<step>} when set, else {@code key}. */
    private static String stepProp(PropertiesComponent props, String key, Step step) {
        return props.resolveProperty(key + "." + step.id()).orElseGet(() -> prop(props, key));
    }

    // --- Deliveries, store sync and image hosting: the vendors reached over the routes in routes/*.camel.yaml ---
    private static Delivery delivery(CamelContext context, PropertiesComponent props, ObjectMapper json) {
        Delivery delivery = Deliveries.configured(key -> prop(props, key), context, new HttpRoutes(context), json);
        context.getRegistry().bind("delivery", delivery);
        return delivery;
    }

    private static void airtable(CamelContext context, PropertiesComponent props, ObjectMapper json,
                                 NamedParameterJdbcTemplate jdbc, DecoratedStories stories) {
        AirtableClient client = new AirtableClient(new HttpRoutes(context), json, prop(props, "airtable.token"),
                Duration.ofMillis(Long.parseLong(prop(props, "airtable.rate-limit-pause-ms"))),
                Integer.parseInt(prop(props, "airtable.rate-limit-retries")));
        context.getRegistry().bind("airtableArticles", new AirtableArticles(client, prop(props, "airtable.articles-base"),
                prop(props, "airtable.articles-table"), prop(props, "airtable.articles-fields")));
        context.getRegistry().bind("airtableSync", new AirtableSync(client, jdbc, stories, prop(props, "airtable.editor-base"),
                prop(props, "airtable.selects-table"), prop(props, "airtable.decorations-table")));
    }

    /** Generated images replace the offline cards when an image API is configured; Cloudinary hosts them when set. */
    private static ImageHost images(CamelContext context, PropertiesComponent props, ObjectMapper json) {
        HttpRoutes http = new HttpRoutes(context);
        if (!prop(props, "images.generation.base-url").isBlank()) {
            context.getRegistry().bind(Providers.IMAGES, new GeneratedImageProvider(http, json,
                    prop(props, "images.generation.api-key"), prop(props, "images.generation.model"),
                    prop(props, "images.generation.size"), new OfflineImageProvider()));
        }
        String cloudinary = prop(props, "images.cloudinary-url");
        return cloudinary.isBlank() ? ImageHost.NONE
                : new CloudinaryHost(http, json, cloudinary, prop(props, "images.cloudinary-folder"), Clock.systemUTC());
    }

    private static String prop(PropertiesComponent props, String key) {
        return props.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration property '" + key + "'"));
    }
}
