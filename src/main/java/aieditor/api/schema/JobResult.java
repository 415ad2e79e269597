package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "What the step did: {processed, written, errors}, the same for every step")
public record JobResult(
        int processed,
        int written,
        @Schema(description = "One entry per item that failed") List<JobResultError> errors,
        @Schema(description = "One sentence", example = "5 slots selected from 31 candidates") String summary) {
}
