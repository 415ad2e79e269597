package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An item that failed without stopping the step: what it was (e.g. source, slot) and why",
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record JobResultError(@Schema(example = "timed out after 30000 ms") String error) {
}
