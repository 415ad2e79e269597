package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "One version of a slot: version 1 is the pipeline's, each change by an editor adds one")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VersionView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int slot,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int version,
        @Schema(allowableValues = {"pipeline", "edit", "replace", "regenerate", "move"},
                requiredMode = Schema.RequiredMode.REQUIRED) String change,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long articleId,
        String headline,
        List<String> bullets,
        @Schema(description = "Who made it", requiredMode = Schema.RequiredMode.REQUIRED) String actor,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant at) {
}
