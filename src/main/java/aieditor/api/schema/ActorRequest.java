package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Who does it")
public record ActorRequest(
        @Schema(description = "Recorded with the new version and in the audit log (default api)") String by) {
}
