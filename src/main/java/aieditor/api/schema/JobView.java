package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

// a $ref cannot carry nullable or a description in OpenAPI 3.0, so the class description says when result and
// waiting are null
@Schema(description = "A job: its step, where it stands and what it did. result: null until it finished. waiting: "
        + "in GET /jobs/status/{job_id} only, why it waits while it has not started (null once it has)")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String jobId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String step,
        @Schema(allowableValues = {"high", "default", "low"}) String queue,
        @Schema(allowableValues = {"scheduled", "queued", "running", "retrying", "completed", "failed", "cancelled", "dead"},
                requiredMode = Schema.RequiredMode.REQUIRED) String status,
        @JsonProperty("issue_date") LocalDate issueDate,
        @Schema(description = "The chained run it belongs to, if any", nullable = true) String chainId,
        @Schema(description = "What started it", example = "cron") String trigger,
        @Schema(description = "Failed attempts so far plus the one running") int attempt,
        int maxAttempts,
        @Schema(description = "How often it was taken over after its worker vanished") int redeliveries,
        int maxRedeliveries,
        @Schema(description = "Progress line of a running job", nullable = true) String progress,
        JobResult result,
        @Schema(description = "The last attempt's error", nullable = true) String error,
        @Schema(description = "The process that runs or ran it", nullable = true) String worker,
        Instant createdAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(description = "When a retrying or scheduled job is queued (again)", nullable = true) Instant nextAttemptAt,
        @Schema(nullable = true) Instant heartbeatAt,
        @Schema(nullable = true) Instant cancelRequestedAt,
        Waiting waiting) {
}
