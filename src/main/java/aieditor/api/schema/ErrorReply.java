package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A refusal or a client mistake, in words; never a stack trace")
public record ErrorReply(
        @Schema(description = "What went wrong", example = "Missing or wrong bearer token",
                requiredMode = Schema.RequiredMode.REQUIRED) String error) {
}
