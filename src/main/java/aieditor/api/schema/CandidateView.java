package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A story that could replace a slot's")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CandidateView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long articleId,
        String title, String source, String url,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double score,
        String rationale,
        @Schema(description = "Why slot selection left it out", requiredMode = Schema.RequiredMode.REQUIRED) String whyNotChosen) {
}
