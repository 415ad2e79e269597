package aieditor.store;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Reads llm_usage (written by aieditor.ai.llm.UsageLog): what an issue's model calls came to. */
public final class LlmUsage {
    /** The calls of one task on one provider and model, however they ended, with their tokens and cost in USD. */
    public record Group(String task, String provider, String model, long calls, long inputTokens, long outputTokens,
                        BigDecimal costUsd) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public LlmUsage(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every call made for the issue, grouped by task, provider and model. */
    public List<Group> ofIssue(LocalDate issueDate) {
        return jdbc.query("SELECT task, provider, model, COUNT(*) AS calls, SUM(input_tokens) AS input_tokens, "
                        + "SUM(output_tokens) AS output_tokens, SUM(cost_usd) AS cost_usd FROM llm_usage "
                        + "WHERE issue_date = :d GROUP BY task, provider, model ORDER BY task, provider, model",
                Map.of("d", issueDate), (rs, i) -> new Group(rs.getString("task"), rs.getString("provider"),
                        rs.getString("model"), rs.getLong("calls"), rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"), rs.getBigDecimal("cost_usd")));
    }
}
