package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Why a job that has not started yet is waiting")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Waiting(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String jobId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String step,
        @Schema(allowableValues = {"high", "default", "low"}, requiredMode = Schema.RequiredMode.REQUIRED) String queue,
        @Schema(description = "Its place in the order workers take queued jobs (1: next); null when it is not queued yet "
                + "(retrying or scheduled)", nullable = true) Integer position,
        @Schema(description = "Why it waits, in words", example = "behind 2 high-priority jobs; 3 of 3 workers busy",
                requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
}
