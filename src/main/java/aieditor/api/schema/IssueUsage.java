package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

@Schema(description = "What an issue's model calls came to: every call counts, retried, refused, timed-out and cancelled ones too")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IssueUsage(java.time.LocalDate issueDate, long calls, long inputTokens, long outputTokens,
                         @Schema(description = "US dollars at the configured list prices") BigDecimal costUsd,
                         List<TaskUsage> byTask) {

    @Schema(description = "One task's calls with one provider and model")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TaskUsage(String task, String provider, String model, long calls, long inputTokens, long outputTokens,
                            BigDecimal costUsd) {
    }
}
