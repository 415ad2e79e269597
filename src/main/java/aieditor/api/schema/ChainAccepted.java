package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A chained run started: its first step is queued, each step queues the next when it completes")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChainAccepted(
        @Schema(description = "Shared by every job of the run", requiredMode = Schema.RequiredMode.REQUIRED) String chainId,
        @Schema(description = "The first step's job", requiredMode = Schema.RequiredMode.REQUIRED) String jobId,
        @Schema(example = "ingest", requiredMode = Schema.RequiredMode.REQUIRED) String step,
        @Schema(allowableValues = "queued", requiredMode = Schema.RequiredMode.REQUIRED) String status) {
}
