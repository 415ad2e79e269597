package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "A scheduled fire that never ran")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MissedFire(String step, Instant fireTime) {
}
