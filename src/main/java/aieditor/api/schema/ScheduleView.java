package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "What becomes of a fire that could not run on time, and the fires that never ran")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduleView(
        String misfirePolicy,
        long misfireThresholdSeconds,
        @Schema(description = "Last 7 days, newest first, at most 100") List<MissedFire> missedFires) {
}
