package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@Schema(description = "Something that finally failed: a job or a slot, with its error and original message")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetterView(
        long id,
        @Schema(nullable = true) String jobId,
        @Schema(nullable = true) String step,
        @JsonProperty("issue_date") @Schema(nullable = true) LocalDate issueDate,
        @Schema(nullable = true) String routeId,
        @Schema(description = "The decoration slot, when a slot failed", nullable = true) Integer slot,
        @Schema(description = "What went wrong, in words") String errorMessage,
        @Schema(description = "The message as it was when it failed", nullable = true) String originalMessage,
        Instant failedAt,
        Instant expiresAt,
        @Schema(description = "When it was replayed (POST /dlq/{id}/replay)", nullable = true) Instant replayedAt,
        @Schema(description = "The job the replay queued", nullable = true) String replayJobId,
        @Schema(description = "When a later job of its step completed for its issue (a failed slot: and decorated the "
                + "slot); null while it is still open", nullable = true) Instant resolvedAt,
        @Schema(description = "That job: the replay's, or any later run of the step", nullable = true) String resolvedByJob) {
}
