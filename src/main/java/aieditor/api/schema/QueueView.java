package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

@Schema(description = "What waits, what runs, and when the schedule fires next")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueueView(
        @Schema(description = "Queued jobs per queue (high, default, low)") Map<String, Long> queued,
        List<JobView> running,
        List<JobView> retrying,
        @Schema(description = "Jobs held in the store until a later time (a send deferred to the next send time)")
        List<JobView> scheduled,
        @Schema(description = "Every job that has not started yet, most urgent first, with why it waits") List<Waiting> waiting,
        List<NextFire> nextFires,
        ScheduleView schedule) {
}
