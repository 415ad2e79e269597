package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "An image of the message's HTML part")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageImageView(
        @Schema(description = "The story's slot; null for an image that is none of the issue's story images", nullable = true)
        Integer slot,
        @Schema(description = "The img src as sent: cid:<Content-ID> for an image inside the message, else its https URL",
                example = "cid:slot-1.issue-2026-11-22@newsletter.example") String src,
        @Schema(description = "Whether the image travels inside the message (a multipart/related part)") boolean embedded,
        @Schema(allowableValues = {"image/jpeg", "image/png"}, nullable = true,
                description = "Null for a hosted image whose file is not on this service") String contentType,
        @Schema(description = "The image's size before base64; null when unknown", nullable = true) Long bytes) {
}
