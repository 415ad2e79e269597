package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

@Schema(description = "The job's params; any other field is passed to the step as it is",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record TriggerRequest(
        @Schema(description = "The issue the job works on (default today, UTC)", example = "2026-11-20") LocalDate date) {
}
