package aieditor;

import aieditor.ai.Providers;
import aieditor.ai.offline.OfflineBolder;
import aieditor.ai.offline.OfflineCleaner;
import aieditor.ai.offline.OfflineDecorator;
import aieditor.ai.offline.OfflineImageProvider;
import aieditor.ai.offline.OfflineScorer;
import aieditor.ai.offline.OfflineSocialWriter;
import aieditor.ai_scoring.ScoringStep;
import aieditor.deadletter.DeadLetters;
import aieditor.decoration.DecorationStep;
import aieditor.decoration.SlotOutcomes;
import aieditor.html_compile.HtmlCompileStep;
import aieditor.images.ImagesStep;
import aieditor.ingest.ArticleStore;
import aieditor.ingest.IngestStep;
import aieditor.mautic_send.MauticSendStep;
import aieditor.mautic_send.OutboxDelivery;
import aieditor.observe.Observability;
import aieditor.observe.WorkerMetrics;
import aieditor.pipeline.Jobs;
import aieditor.pipeline.PipelineRuns;
import aieditor.prefilter.PrefilterLog;
import aieditor.prefilter.PrefilterStep;
import aieditor.slot_selection.SlotSelectionStep;
import aieditor.social_sync.SocialSyncStep;
import aieditor.store.Articles;
import aieditor.store.AuditLog;
import aieditor.store.DecoratedStories;
import aieditor.store.Issues;
import aieditor.store.Store;
import aieditor.store.SystemPrompts;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.nio.file.Path;
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

        Store store = new Store(prop(props, "db.url"), prop(props, "db.user"), prop(props, "db.password"),
                Integer.parseInt(prop(props, "db.pool-size")));
        context.addService(store, true, true);
        NamedParameterJdbcTemplate jdbc = store.jdbc();
        registry.bind("dataSource", store.dataSource());

        ObjectMapper json = new ObjectMapper();
        Path dataDir = Path.of(prop(props, "aieditor.data-dir"));
        AuditLog audit = new AuditLog(jdbc);
        Issues issues = new Issues(jdbc, audit);
        Articles articles = new Articles(jdbc);
        SystemPrompts prompts = new SystemPrompts(jdbc);
        DecoratedStories stories = new DecoratedStories(jdbc, json);
        PrefilterLog prefilterLog = new PrefilterLog(jdbc);
        Providers providers = new Providers(context);

        // Observability: worker meters, health checks, Jolokia access (see aieditor.observe)
        WorkerMetrics workerMetrics = Observability.configure(context, store);

        PipelineRuns runs = new PipelineRuns();
        Jobs jobs = new Jobs(jdbc, json, runs, Integer.parseInt(prop(props, "retry.max-redeliveries")) + 1, workerMetrics);
        registry.bind("pipelineRuns", runs);
        registry.bind("jobs", jobs);
        registry.bind("deadLetters", new DeadLetters(jdbc, json, jobs,
                Duration.ofDays(Long.parseLong(prop(props, "deadletter.retention-days")))));

        // The offline providers are the embedded default; real providers bind under the same names.
        registry.bind(Providers.SCORING, new OfflineScorer());
        registry.bind(Providers.CLEANING, new OfflineCleaner());
        registry.bind(Providers.DECORATION, new OfflineDecorator());
        registry.bind(Providers.BOLDING, new OfflineBolder());
        registry.bind(Providers.SOCIAL, new OfflineSocialWriter());
        registry.bind(Providers.IMAGES, new OfflineImageProvider());

        // The fan-out steps' parallelism is configuration, and Camel shuts these pools down with the context.
        registry.bind("scoringPool", context.getExecutorServiceManager().newFixedThreadPool(this, "scoring",
                Integer.parseInt(prop(props, "scoring.parallelism"))));
        registry.bind("decorationPool", context.getExecutorServiceManager().newFixedThreadPool(this, "decoration",
                Integer.parseInt(prop(props, "decoration.parallelism"))));

        registry.bind("ingest", new IngestStep(new ArticleStore(jdbc)));
        registry.bind("aiScoring", new ScoringStep(jdbc, articles, providers, prompts, ScoringStep.ScoringSettings.parse(
                prop(props, "scoring.keywords"), prop(props, "scoring.source-weights"),
                Double.parseDouble(prop(props, "scoring.default-source-weight")),
                Double.parseDouble(prop(props, "scoring.recency-half-life-hours")),
                Integer.parseInt(prop(props, "scoring.window-hours")))));
        registry.bind("prefilter", new PrefilterStep(jdbc, prefilterLog));
        registry.bind("slotSelection", new SlotSelectionStep(jdbc, prefilterLog, issues));
        registry.bind("decoration", new DecorationStep(jdbc, articles, issues, providers, prompts, json));
        registry.bind("slotOutcomes", new SlotOutcomes());
        registry.bind("images", new ImagesStep(jdbc, stories, issues, providers, dataDir.resolve("images")));
        registry.bind("htmlCompile", new HtmlCompileStep(stories, issues));
        registry.bind("mauticSend", new MauticSendStep(jdbc, issues, stories, audit, new OutboxDelivery(
                Path.of(prop(props, "newsletter.outbox-dir")), prop(props, "newsletter.from"),
                prop(props, "newsletter.to"), prop(props, "newsletter.unsubscribe-mailto"))));
        registry.bind("socialSync", new SocialSyncStep(jdbc, stories, providers));
    }

    private static String prop(PropertiesComponent props, String key) {
        return props.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration property '" + key + "'"));
    }
}
