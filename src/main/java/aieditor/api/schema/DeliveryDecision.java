package aieditor.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

@Schema(description = "The decision recorded")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryDecision(
        @JsonProperty("issue_date") LocalDate issueDate,
        @Schema(allowableValues = {"sent", "resend"}) String decision,
        String by,
        @Schema(description = "resend only: the mautic_send job queued") String jobId,
        DeliveryView delivery) {
}
