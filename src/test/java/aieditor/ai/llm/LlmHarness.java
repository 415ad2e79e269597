package aieditor.ai.llm;

import aieditor.fixtures.FakeServer;
import aieditor.store.Store;
import aieditor.store.SystemPrompts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import aieditor.http.LimitedCalls;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * routes/llm.camel.yaml in a small Camel context pointed at a fake vendor, an empty in-memory store, and a
 * sleeper that records waits instead of spending them.
 */
final class LlmHarness implements AutoCloseable {
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(1000);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    final FakeServer server = FakeServer.start();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Store store;
    final CamelContext context;
    final LimitedCalls limitedCalls;
    /** Jobs the guard calls stopped, with the status their calls end with. */
    final Map<String, String> stopped = new ConcurrentHashMap<>();

    LlmHarness(long responseTimeoutMs) throws Exception {
        this(responseTimeoutMs, null);
    }

    /** With the vendors at {@code baseUrl} instead of the harness's own fake server (when not null). */
    LlmHarness(long responseTimeoutMs, String baseUrl) throws Exception {
        store = new Store("jdbc:h2:mem:llm-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "", 2);
        Properties props = new Properties();
        for (String vendor : List.of("anthropic", "gemini", "openai")) {
            props.setProperty("ai." + vendor + ".api-key", "test-key");
            props.setProperty("ai." + vendor + ".base-url", baseUrl != null ? baseUrl : server.url());
        }
        props.setProperty("ai.http.connect-timeout-ms", "2000");
        props.setProperty("ai.http.response-timeout-ms", String.valueOf(responseTimeoutMs));
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(props);
        limitedCalls = new LimitedCalls(Executors.newSingleThreadScheduledExecutor());
        context.getRegistry().bind("limitedCalls", limitedCalls);
        context.getRegistry().bind("llmCalls", new LlmCalls(limitedCalls, jobId -> stopped.get(jobId),
                Duration.ofMinutes(5), 10_000_000));
        context.start();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:routes/llm.camel.yaml"));
    }

    LlmHarness() throws Exception {
        this(5000);
    }

    LlmClient client(Vendor vendor, int maxAttempts) {
        LlmSettings settings = new LlmSettings(maxAttempts, INITIAL_BACKOFF, MAX_BACKOFF, 2, 0);
        return new LlmClient(vendor, context.createProducerTemplate(), settings,
                new UsageLog(store.jdbc(), meters, LlmPrices.NONE, Clock.systemUTC()), waits::add, jobId -> stopped.get(jobId),
                Clock.systemUTC());
    }

    SystemPrompts prompts() {
        return new SystemPrompts(store.jdbc());
    }

    /** Usage rows of the job: status and job id. */
    List<Map<String, Object>> usage() {
        return store.jdbc().getJdbcTemplate().queryForList("SELECT status, job_id, issue_date, latency_ms FROM llm_usage ORDER BY id");
    }

    List<String> usageStatuses() {
        return store.jdbc().getJdbcTemplate().queryForList("SELECT status FROM llm_usage ORDER BY id", String.class);
    }

    @Override
    public void close() throws Exception {
        context.close();
        server.close();
        store.stop();
    }
}
