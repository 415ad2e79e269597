package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

@Schema(description = "The best stories not in the issue, highest score first")
public record CandidatesReply(
        @JsonProperty("issue_date") @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate issueDate,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int slot,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<CandidateView> candidates) {
}
