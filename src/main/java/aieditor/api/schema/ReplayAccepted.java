package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The failed step queued again as a new job")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayAccepted(
        long deadLetterId,
        String jobId,
        String step,
        @Schema(allowableValues = "queued") String status,
        @Schema(description = "Whether the steps after it run too") boolean continuesChain) {
}
