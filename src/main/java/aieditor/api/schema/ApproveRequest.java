package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Who approves, and whether the issue goes out now rather than at its send time")
public record ApproveRequest(
        @Schema(description = "Recorded in the audit log (default api)", example = "editor@newsletter.example") String by,
        @Schema(description = "now: send at once; omitted: at the scheduled send time", allowableValues = "now") String send) {
}
