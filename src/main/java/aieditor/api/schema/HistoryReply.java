package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(description = "Every version of the issue's slots, newest first")
public record HistoryReply(
        @JsonProperty("issue_date") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate issueDate,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<VersionView> versions) {
}
