package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Which way the slot moves: it swaps places with its neighbour")
public record MoveRequest(
        @Schema(allowableValues = {"up", "down"}, requiredMode = Schema.RequiredMode.REQUIRED) String direction,
        @Schema(description = "Recorded with the new versions (default api)") String by) {
}
