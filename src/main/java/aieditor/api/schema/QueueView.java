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
        @Schema(description = "The first jobs that have not started yet (as many as the waiting parameter asks), most urgent first, with why each waits")
        List<Waiting> waiting,
        @Schema(description = "How many jobs have not started yet, all of them") long waitingTotal,
        List<NextFire> nextFires,
        ScheduleView schedule) {
}
