package aieditor.ingest;

/**
 * One place ingest reads from: a feed by URL, a feed file, a folder of JSON/Markdown articles, or the Airtable
 * articles table.
 *
 * @param nameHint what an OPML outline called the feed, the display name when the feed itself has no title; null
 *                 for sources listed in ingest.feeds and the others
 */
public record Source(Kind kind, String location, String nameHint) {
    public enum Kind { FEED_URL, FEED_FILE, FOLDER, AIRTABLE }

    public Source(Kind kind, String location) {
        this(kind, location, null);
    }

    public boolean remote() {
        return kind == Kind.FEED_URL;
    }
}
