package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "An editor's headline and three bullets for a slot")
public record SlotEditRequest(
        @Schema(description = "At most decoration.headline-max-chars (80) characters", requiredMode = Schema.RequiredMode.REQUIRED)
        String headline,
        @Schema(description = "Exactly three, each at most 400 characters; **phrase** bolds a phrase",
                requiredMode = Schema.RequiredMode.REQUIRED) List<String> bullets,
        @Schema(description = "Recorded with the new version and in the audit log (default api)") String by) {
}
