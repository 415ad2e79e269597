package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A queued or retrying job is cancelled at once; a running one stops at its next safe point")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CancelReply(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String jobId,
        @Schema(allowableValues = {"cancelled", "running"}, requiredMode = Schema.RequiredMode.REQUIRED) String status,
        @Schema(description = "Only while it is still running", example = "requested; stops at its next safe point") String cancel) {
}
