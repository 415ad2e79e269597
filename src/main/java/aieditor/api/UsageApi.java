package aieditor.api;

import aieditor.store.LlmUsage;
import org.apache.camel.Exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /issues/{date}/usage: what the model calls for an issue came to - every call, whatever its status (retried,
 * refused, timed out and cancelled ones too) - in calls, tokens and US dollars at the configured prices, in all and
 * per task, provider and model. The totals are the sums of the groups; an issue without calls answers zeros.
 */
public final class UsageApi {
    private final ApiSupport api;
    private final LlmUsage usage;

    public UsageApi(ApiSupport api, LlmUsage usage) {
        this.api = api;
        this.usage = usage;
    }

    public void usage(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            LocalDate date = ApiSupport.date(exchange.getMessage().getHeader("date", String.class), "date");
            long calls = 0;
            long in = 0;
            long out = 0;
            BigDecimal cost = BigDecimal.ZERO;
            List<Map<String, Object>> byTask = new ArrayList<>();
            for (LlmUsage.Group g : usage.ofIssue(date)) {
                calls += g.calls();
                in += g.inputTokens();
                out += g.outputTokens();
                cost = cost.add(g.costUsd());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("task", g.task());
                row.put("provider", g.provider());
                row.put("model", g.model());
                row.put("calls", g.calls());
                row.put("input_tokens", g.inputTokens());
                row.put("output_tokens", g.outputTokens());
                row.put("cost_usd", dollars(g.costUsd()));
                byTask.add(row);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("issue_date", date.toString());
            answer.put("calls", calls);
            answer.put("input_tokens", in);
            answer.put("output_tokens", out);
            answer.put("cost_usd", dollars(cost));
            answer.put("by_task", byTask);
            return answer;
        });
    }

    /** The exact decimal, as a JSON number (0.0123, never 1.23E-2). */
    private static RawJson dollars(BigDecimal usd) {
        return new RawJson(usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString());
    }
}
