package aieditor.ingest;

/**
 * One place ingest reads from: a feed by URL, a feed file, a folder of JSON/Markdown articles, or the Airtable
 * articles table.
 */
public record Source(Kind kind, String location) {
    public enum Kind { FEED_URL, FEED_FILE, FOLDER, AIRTABLE }

    public boolean remote() {
        return kind == Kind.FEED_URL;
    }
}
