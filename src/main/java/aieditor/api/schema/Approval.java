package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@Schema(description = "The issue is approved, and this is when it goes out")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Approval(
        @JsonProperty("issue_date") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate issueDate,
        @Schema(allowableValues = "approved", requiredMode = Schema.RequiredMode.REQUIRED) String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String approvedBy,
        @Schema(description = "now: a mautic_send job is queued; scheduled: it goes out at send_at",
                allowableValues = {"now", "scheduled"}, requiredMode = Schema.RequiredMode.REQUIRED) String send,
        @Schema(description = "When it is sent (now, or the scheduled send time)", requiredMode = Schema.RequiredMode.REQUIRED)
        Instant sendAt,
        @Schema(description = "The mautic_send job, when one was queued now or held for send_at; absent when the "
                + "schedule's own send does it") String jobId) {
}
