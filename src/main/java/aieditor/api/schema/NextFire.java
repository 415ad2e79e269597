package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "When a cron fires next")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NextFire(@Schema(example = "pipeline/mautic_send") String trigger, Instant nextFire) {
}
