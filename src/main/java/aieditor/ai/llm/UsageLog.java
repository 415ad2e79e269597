package aieditor.ai.llm;

import aieditor.store.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Clock;

/**
 * Records every model call, however it ended (ok, malformed, truncated, refused, http_429, timeout, cancelled...):
 * one row in llm_usage with the job and issue it was for and its cost at the model's price, and the meters, tagged
 * by provider, task and model - llm.requests (also by status), llm.tokens (by direction), llm.cost (USD) and the
 * timer llm.request; in Prometheus llm_requests_total, llm_tokens_total, llm_cost_usd_total, llm_request_seconds.
 */
public final class UsageLog {
    private static final Logger LOG = LoggerFactory.getLogger(UsageLog.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final LlmPrices prices;
    private final Clock clock;

    public UsageLog(NamedParameterJdbcTemplate jdbc, MeterRegistry meters, LlmPrices prices, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.prices = prices;
        this.clock = clock;
    }

    /** The model's configured price, if it has one. */
    public java.util.Optional<LlmPrices.Price> price(String model) {
        return prices.of(model);
    }

    void record(String provider, LlmRequest request, CallOwner owner, String status, long inputTokens, long outputTokens,
                Duration latency) {
        BigDecimal cost = prices.cost(request.model(), inputTokens, outputTokens);
        Tags tags = Tags.of("provider", provider, "task", request.task(), "model", request.model());
        Counter.builder("llm.requests").tags(tags).tag("status", status).register(meters).increment();
        Counter.builder("llm.tokens").baseUnit("tokens").tags(tags).tag("direction", "input").register(meters)
                .increment(inputTokens);
        Counter.builder("llm.tokens").baseUnit("tokens").tags(tags).tag("direction", "output").register(meters)
                .increment(outputTokens);
        Counter.builder("llm.cost").baseUnit("usd").tags(tags).register(meters).increment(cost.doubleValue());
        Timer.builder("llm.request").tags(tags).register(meters).record(latency);
        if (jdbc == null) {
            return;
        }
        try {
            jdbc.update("INSERT INTO llm_usage (provider, model, task, status, input_tokens, output_tokens, latency_ms, "
                    + "job_id, issue_date, cost_usd, created_at) VALUES (:provider, :model, :task, :status, :in, :out, :ms, "
                    + ":job, :issue, :cost, :now)", new MapSqlParameterSource()
                    .addValue("provider", provider).addValue("model", request.model()).addValue("task", request.task())
                    .addValue("status", status).addValue("in", inputTokens).addValue("out", outputTokens)
                    .addValue("ms", latency.toMillis()).addValue("job", owner.jobId()).addValue("issue", owner.issueDate())
                    .addValue("cost", cost).addValue("now", Sql.ts(clock.instant())));
        } catch (DataAccessException e) {
            // bookkeeping must never cost a story its decoration
            LOG.warn("Could not record a {} call in llm_usage: {}", provider, e.getMessage());
        }
    }
}
