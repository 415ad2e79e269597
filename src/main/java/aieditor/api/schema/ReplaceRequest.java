package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The candidate story to put in the slot")
public record ReplaceRequest(
        @JsonProperty("article_id") @Schema(description = "An article that passed prefilter for the issue and is in no slot (see candidates)",
                requiredMode = Schema.RequiredMode.REQUIRED) long articleId,
        @Schema(description = "Recorded with the new version (default api)") String by) {
}
