package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "How many jobs were cancelled or asked to stop")
public record CancelAllReply(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int cancelled) {
}
