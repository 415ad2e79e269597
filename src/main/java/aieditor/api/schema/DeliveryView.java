package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

@Schema(description = "The issue's send through the configured channel")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryView(
        @Schema(allowableValues = {"outbox", "mautic", "smtp"}) String channel,
        @Schema(description = "uncertain: an operator must decide (POST /issues/{date}/delivery)",
                example = "sent") String status,
        @Schema(nullable = true) String location,
        @Schema(description = "The channel's id of the email", nullable = true) String externalId,
        @Schema(nullable = true) Instant handedOverAt,
        @Schema(nullable = true) Instant sentAt,
        @Schema(nullable = true) String decidedBy) {
}
