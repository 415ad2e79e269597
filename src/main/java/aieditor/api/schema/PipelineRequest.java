package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

@Schema(description = "The issue the chain works on; other fields are passed to every step",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record PipelineRequest(
        @Schema(description = "The issue date (default today, UTC)", example = "2026-11-20") LocalDate date) {
}
