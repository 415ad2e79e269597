package aieditor.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small RSS and OPML documents the ingest tests write or serve. */
final class Feeds {

    private Feeds() {
    }

    /**
     * An RSS 2.0 channel; each item is "Title|https://link" ("|https://link" for no title, "Title|" for no link,
     * "|" for neither), dated an hour apart before 2026-11-20 09:00 UTC.
     */
    static String rss(String channelTitle, String... items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>").append(channelTitle).append("</title><link>https://feeds.example/</link>")
                .append("<description>test feed</description>\n");
        Instant date = Instant.parse("2026-11-20T09:00:00Z");
        for (String item : items) {
            String[] parts = item.split("\\|", -1);
            xml.append("<item>");
            if (!parts[0].isEmpty()) {
                xml.append("<title>").append(parts[0]).append("</title>");
            }
            if (parts.length > 1 && !parts[1].isEmpty()) {
                xml.append("<link>").append(parts[1]).append("</link>");
            }
            xml.append("<description>A story about AI models and chips.</description><pubDate>")
                    .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)))
                    .append("</pubDate></item>\n");
            date = date.minusSeconds(3600);
        }
        return xml.append("</channel></rss>\n").toString();
    }

    /** An OPML list; each outline is "Title|xmlUrl", nested one level in a folder outline when folder is set. */
    static String opml(String folder, String... outlines) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">")
                .append("<head><title>Subscriptions</title></head><body>\n");
        if (folder != null) {
            xml.append("<outline text=\"").append(folder).append("\">\n");
        }
        for (String outline : outlines) {
            String[] parts = outline.split("\\|", -1);
            xml.append("<outline type=\"rss\" text=\"").append(parts[0]).append("\" xmlUrl=\"").append(parts[1])
                    .append("\"/>\n");
        }
        if (folder != null) {
            xml.append("</outline>\n");
        }
        return xml.append("</body></opml>\n").toString();
    }
}
