package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(description = "An issue's slots in order")
public record SlotsReply(
        @JsonProperty("issue_date") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate issueDate,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<SlotView> slots) {
}
