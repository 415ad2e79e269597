package aieditor.ingest;

/** One place ingest reads from: a feed by URL, a feed file, or a folder of JSON/Markdown articles. */
public record Source(Kind kind, String location) {
    public enum Kind { FEED_URL, FEED_FILE, FOLDER }

    public boolean remote() {
        return kind == Kind.FEED_URL;
    }
}
