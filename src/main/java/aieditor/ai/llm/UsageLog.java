package aieditor.ai.llm;

import aieditor.store.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Duration;
import java.time.Instant;

/**
 * Records every model call - one row in llm_usage and the meters llm.requests, llm.tokens and llm.request
 * (Prometheus: llm_requests_total, llm_tokens_total, llm_request_seconds) - so cost and failure rates can be
 * read per provider.
 */
public final class UsageLog {
    private static final Logger LOG = LoggerFactory.getLogger(UsageLog.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final MeterRegistry meters;

    public UsageLog(NamedParameterJdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    void record(String provider, LlmRequest request, String status, long inputTokens, long outputTokens, Duration latency) {
        Counter.builder("llm.requests").tag("provider", provider).tag("status", status).register(meters).increment();
        Counter.builder("llm.tokens").baseUnit("tokens").tag("provider", provider).tag("direction", "input")
                .register(meters).increment(inputTokens);
        Counter.builder("llm.tokens").baseUnit("tokens").tag("provider", provider).tag("direction", "output")
                .register(meters).increment(outputTokens);
        Timer.builder("llm.request").tag("provider", provider).register(meters).record(latency);
        try {
            jdbc.update("INSERT INTO llm_usage (provider, model, task, status, input_tokens, output_tokens, latency_ms, "
                    + "created_at) VALUES (:provider, :model, :task, :status, :in, :out, :ms, :now)", new MapSqlParameterSource()
                    .addValue("provider", provider).addValue("model", request.model()).addValue("task", request.task())
                    .addValue("status", status).addValue("in", inputTokens).addValue("out", outputTokens)
                    .addValue("ms", latency.toMillis()).addValue("now", Sql.ts(Instant.now())));
        } catch (DataAccessException e) {
            // bookkeeping must never cost a story its decoration
            LOG.warn("Could not record a {} call in llm_usage: {}", provider, e.getMessage());
        }
    }
}
