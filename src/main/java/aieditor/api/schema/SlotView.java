package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "One story slot of an issue: its article, why it is there and its decoration")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SlotView(
        @Schema(description = "1 is the lead", requiredMode = Schema.RequiredMode.REQUIRED) int slot,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long articleId,
        @Schema(description = "The article's own title") String title,
        String source,
        String url,
        Instant publishedAt,
        @Schema(description = "The article's score, 0-100") Double score,
        @Schema(description = "Why it scored so") String rationale,
        @Schema(description = "Why slot selection (or an editor) put it here") String whyChosen,
        @Schema(description = "decorated, failed, or not decorated", requiredMode = Schema.RequiredMode.REQUIRED) String status,
        String headline,
        @Schema(description = "Three bullets; **phrase** marks the bolded key phrase") List<String> bullets,
        @Schema(description = "Why decoration failed, when it did") String error,
        @Schema(description = "Who decorated it: a provider, or editor") String provider,
        String model,
        @Schema(description = "When its decoration was written") Instant decoratedAt,
        @Schema(description = "Whether the story has an image") boolean hasImage) {
}
