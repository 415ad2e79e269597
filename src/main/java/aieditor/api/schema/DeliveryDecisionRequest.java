package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An operator's decision on a send whose outcome is unknown")
public record DeliveryDecisionRequest(
        @Schema(description = "sent: it went out; resend: it did not, send it again", allowableValues = {"sent", "resend"},
                requiredMode = Schema.RequiredMode.REQUIRED) String decision,
        @Schema(description = "Recorded in the audit log (default api)") String by) {
}
