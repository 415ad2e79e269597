package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "How far the replay goes")
public record ReplayRequest(
        @JsonProperty("continue")
        @Schema(description = "true (default): carry on through the rest of the pipeline; false: that step only",
                defaultValue = "true") Boolean carryOn) {
}
