package aieditor.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

@Schema(description = "A page of dead letters, newest first")
public record DeadLetterPage(List<DeadLetterView> items, int page, int size, long total) {
}
