package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

@Schema(description = "An issue: where it stands, its delivery (null until a send was claimed), its HTML preview and the "
        + "message as it will be sent")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IssueView(
        @JsonProperty("issue_date") LocalDate issueDate,
        @Schema(allowableValues = {"open", "slots_selected", "decorated", "images_ready", "compiled", "awaiting_approval",
                "approved", "sent"}) String status,
        @Schema(nullable = true) String subject,
        @Schema(nullable = true) String preheader,
        @Schema(nullable = true) Integer htmlBytes,
        @Schema(nullable = true) String approvedBy,
        @Schema(nullable = true) Instant approvedAt,
        Instant updatedAt,
        @Schema(description = "The email's HTML as compiled: images linked relative to the outbox folder unless hosted",
                nullable = true) String html,
        DeliveryView delivery,
        @Schema(nullable = true) MessageView message) {
}
