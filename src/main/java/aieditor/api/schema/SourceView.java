package aieditor.api.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "One source ingest reads (a feed URL or file, an article folder, the Airtable table) as of its last read")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SourceView(
        @Schema(description = "Where it is read from: a URL, a path, or \"airtable\"") String location,
        @Schema(description = "FEED_URL, FEED_FILE, FOLDER or AIRTABLE") String kind,
        @Schema(description = "The slug its articles carry in articles.source (scoring weights, one story per source); null for a folder or table, whose articles name their own", nullable = true) String slug,
        @Schema(description = "What readers see: ingest.source-names, else the feed's title, else the OPML outline's, else the slug") String displayName,
        @Schema(description = "The feed's own title as last read", nullable = true) String feedTitle,
        @Schema(description = "When the last read started") Instant lastFetchAt,
        @Schema(description = "The HTTP status of the last fetch (\"200\", \"304 not modified\", \"429\"), or \"file\", \"folder\", \"airtable\"; null when it was not reached", nullable = true) String lastStatus,
        @Schema(description = "Articles the last read gave") int itemsRead,
        @Schema(description = "Of those, how many were new (not duplicates)") int newItems,
        @Schema(description = "The last read's problems: a failed fetch, skipped entries or files") List<String> errors,
        @Schema(description = "How long the last read (fetch and parse) took, in milliseconds") long durationMs,
        @Schema(description = "The host answered 429/503 asking not to be fetched before then", nullable = true) Instant retryNotBefore,
        @Schema(description = "The ETag sent as If-None-Match next time", nullable = true) String etag,
        @Schema(description = "The Last-Modified sent as If-Modified-Since next time", nullable = true) String lastModified) {
}
