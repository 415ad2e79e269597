package aieditor.config;

import aieditor.ai.BoldingProvider;
import aieditor.ai.CleaningProvider;
import aieditor.ai.DecorationProvider;
import aieditor.ai.ScoringProvider;
import aieditor.ai.SocialProvider;
import aieditor.ai.llm.AnthropicVendor;
import aieditor.ai.llm.CallGuard;
import aieditor.ai.llm.GeminiVendor;
import aieditor.ai.llm.LlmBolder;
import aieditor.ai.llm.LlmCleaner;
import aieditor.ai.llm.LlmClient;
import aieditor.ai.llm.LlmDecorator;
import aieditor.ai.llm.LlmScorer;
import aieditor.ai.llm.LlmSettings;
import aieditor.ai.llm.LlmSocialWriter;
import aieditor.ai.llm.OpenAiVendor;
import aieditor.ai.llm.Sleeper;
import aieditor.ai.llm.TaskModel;
import aieditor.ai.llm.UsageLog;
import aieditor.ai.llm.Vendor;
import aieditor.ai.offline.OfflineBolder;
import aieditor.ai.offline.OfflineCleaner;
import aieditor.ai.offline.OfflineDecorator;
import aieditor.ai.offline.OfflineScorer;
import aieditor.ai.offline.OfflineSocialWriter;
import aieditor.store.SystemPrompts;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Picks each task's provider from {@code ai.<task>.provider} and {@code ai.<task>.model}. A real provider
 * without its API key falls back to the offline one and says so at startup, so the embedded default needs no
 * key. Tasks on the same vendor share one client, and with it that vendor's concurrency and rate limits.
 */
public final class ProviderSelection {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSelection.class);
    private static final Map<String, Supplier<Vendor>> VENDORS = Map.of(
            "anthropic", AnthropicVendor::new, "gemini", GeminiVendor::new, "openai", OpenAiVendor::new);

    private final CamelContext context;
    private final SystemPrompts prompts;
    private final UsageLog usage;
    private final CallGuard guard;
    private final Clock clock;
    private final Map<String, LlmClient> clients = new HashMap<>();

    /** @param guard refuses the calls of a job that was cancelled or timed out */
    public ProviderSelection(CamelContext context, SystemPrompts prompts, UsageLog usage, CallGuard guard, Clock clock) {
        this.context = context;
        this.prompts = prompts;
        this.usage = usage;
        this.guard = guard;
        this.clock = clock;
    }

    public ScoringProvider scoring() {
        return choose("scoring", OfflineScorer::new, LlmScorer::new);
    }

    public CleaningProvider cleaning() {
        return choose("cleaning", OfflineCleaner::new, LlmCleaner::new);
    }

    public DecorationProvider decoration() {
        return choose("decoration", OfflineDecorator::new, LlmDecorator::new);
    }

    public BoldingProvider bolding() {
        return choose("bolding", OfflineBolder::new, LlmBolder::new);
    }

    public SocialProvider social() {
        return choose("social", OfflineSocialWriter::new, LlmSocialWriter::new);
    }

    private interface RealProvider<T> {
        T create(LlmClient client, SystemPrompts prompts, TaskModel model);
    }

    private <T> T choose(String task, Supplier<T> offline, RealProvider<T> real) {
        String label = Character.toUpperCase(task.charAt(0)) + task.substring(1);
        String vendor = prop("ai." + task + ".provider").trim().toLowerCase(Locale.ROOT);
        if (vendor.equals("offline")) {
            LOG.info("{} uses the offline provider.", label);
            return offline.get();
        }
        if (!VENDORS.containsKey(vendor)) {
            throw new IllegalStateException("ai." + task + ".provider must be offline, anthropic, gemini or openai, not '" + vendor + "'");
        }
        if (prop("ai." + vendor + ".api-key").isBlank()) {
            LOG.info("{} uses the offline provider: {}_API_KEY is not set.", label, vendor.toUpperCase(Locale.ROOT));
            return offline.get();
        }
        TaskModel model = new TaskModel(prop("ai." + task + ".model"), Integer.parseInt(prop("ai." + task + ".max-tokens")),
                Integer.parseInt(prop("decoration.max-input-chars")));
        LOG.info("{} uses {} with model {} ({}).", label, vendor, model.model(), usage.price(model.model())
                .map(Object::toString).orElse("no price configured: its calls count as $0"));
        return real.create(clients.computeIfAbsent(vendor, this::client), prompts, model);
    }

    private LlmClient client(String vendor) {
        LlmSettings settings = new LlmSettings(Integer.parseInt(prop("ai.http.max-attempts")),
                Duration.ofMillis(Long.parseLong(prop("ai.http.initial-backoff-ms"))),
                Duration.ofMillis(Long.parseLong(prop("ai.http.max-backoff-ms"))),
                Integer.parseInt(prop("ai." + vendor + ".max-concurrent")),
                Double.parseDouble(prop("ai." + vendor + ".requests-per-second")));
        return new LlmClient(VENDORS.get(vendor).get(), context.createProducerTemplate(), settings, usage, Sleeper.REAL, guard, clock);
    }

    private String prop(String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration property '" + key + "'"));
    }
}
