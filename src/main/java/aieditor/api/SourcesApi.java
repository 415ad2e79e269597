package aieditor.api;

import aieditor.api.schema.SourceView;
import aieditor.store.Sources;
import org.apache.camel.Exchange;

/**
 * GET /sources: every source ingest has read, with its names and the health of its last read (when, the HTTP status,
 * items read and new, problems, duration, a host's pause), so an operator sees which feeds are failing or silent.
 */
public final class SourcesApi {
    private final ApiSupport api;
    private final Sources sources;

    public SourcesApi(ApiSupport api, Sources sources) {
        this.api = api;
        this.sources = sources;
    }

    public void list(Exchange exchange) {
        api.respond(exchange, 200, () -> sources.list().stream().map(s -> new SourceView(s.location(), s.kind(),
                s.slug(), s.displayName(), s.feedTitle(), s.lastFetchAt(), s.lastStatus(), s.itemsRead(), s.newItems(),
                s.errors(), s.durationMs(), s.retryNotBefore(), s.etag(), s.lastModified())).toList());
    }
}
