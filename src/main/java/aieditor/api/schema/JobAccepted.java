package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

@Schema(description = "A job recorded and queued")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobAccepted(
        @Schema(description = "Follow it at GET /jobs/status/{job_id}", requiredMode = Schema.RequiredMode.REQUIRED) String jobId,
        @Schema(description = "The step the job runs", example = "ingest", requiredMode = Schema.RequiredMode.REQUIRED) String step,
        @Schema(description = "Its priority", allowableValues = {"high", "default", "low"},
                requiredMode = Schema.RequiredMode.REQUIRED) String queue,
        @JsonProperty("issue_date") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate issueDate,
        @Schema(allowableValues = "queued", requiredMode = Schema.RequiredMode.REQUIRED) String status) {
}
