package aieditor.config;

import aieditor.ai.Providers;
import aieditor.ai.llm.CallGuard;
import aieditor.ai.llm.LlmCalls;
import aieditor.ai.llm.LlmPrices;
import aieditor.ai.llm.UsageLog;
import aieditor.http.LimitedCalls;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobCancellation;
import aieditor.store.SystemPrompts;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Duration;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The AI providers (ai.*): each task's provider from ai.&lt;task&gt;.provider, the offline one standing in without its
 * API key; the model calls of routes/llm.camel.yaml, each a row in llm_usage at its model's price (ai.price.*); and
 * the limits every outgoing HTTP call runs under (bean limitedCalls).
 */
public class ProvidersConfiguration implements CamelConfiguration {
    @PropertyInject("ai.http.call-deadline-ms")
    long callDeadlineMs;
    @PropertyInject("ai.http.max-response-bytes")
    long maxResponseBytes;

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        Clock clock = mandatoryLookup(context, "clock", Clock.class);
        // camel-http endpoints with httpClientConfigurer=#limitedCalls get deadlines and body caps (aieditor.http);
        // a job's stop closes its calls in flight: ingest's feed fetches and the model calls (routes/llm.camel.yaml)
        LimitedCalls limitedCalls = new LimitedCalls(
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "http-deadlines"));
        registry.bind("limitedCalls", limitedCalls);
        mandatoryLookup(context, "jobControl", JobControl.class)
                .onStop(jobId -> limitedCalls.abort(jobId, "the job was asked to stop"));
        // a stopped job starts no model call
        CallGuard callGuard = mandatoryLookup(context, "jobCancellation", JobCancellation.class)::callsStopped;
        registry.bind("llmCalls", new LlmCalls(limitedCalls, callGuard, Duration.ofMillis(callDeadlineMs), maxResponseBytes));

        UsageLog usage = new UsageLog(mandatoryLookup(context, "jdbc", NamedParameterJdbcTemplate.class),
                mandatoryLookup(context, ObserveConfiguration.METRICS_REGISTRY, MeterRegistry.class),
                new LlmPrices(new ConfigProperties(context)::optional), clock);
        ProviderSelection ai = new ProviderSelection(context, mandatoryLookup(context, "systemPrompts", SystemPrompts.class),
                usage, callGuard, clock);
        registry.bind(Providers.SCORING, ai.scoring());
        registry.bind(Providers.CLEANING, ai.cleaning());
        registry.bind(Providers.DECORATION, ai.decoration());
        registry.bind(Providers.BOLDING, ai.bolding());
        registry.bind(Providers.SOCIAL, ai.social());
    }
}
