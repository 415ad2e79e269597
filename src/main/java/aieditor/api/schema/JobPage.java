package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "A page of jobs, newest first")
public record JobPage(List<JobView> items, int page, int size, @Schema(description = "Matching jobs in all pages") long total) {
}
