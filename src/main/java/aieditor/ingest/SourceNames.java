package aieditor.ingest;

import java.net.URI;
import java.nio.file.Path;

import aieditor.text.Text;

/** Derives the short source name ("the-northwind-ledger") that the pipeline uses to keep one story per source. */
public final class SourceNames {

    private SourceNames() {
    }

    /** Slug of the title, else of the location's host or file base name, else "unknown". */
    public static String of(String title, String location) {
        String slug = Text.slug(title);
        if (slug.isEmpty() && location != null && !location.isBlank()) {
            slug = Text.slug(locationName(location.trim()));
        }
        return slug.isEmpty() ? "unknown" : slug;
    }

    // "https://www.example.org/rss" -> "example.org"; "/data/feeds/daily-brief.xml" -> "daily-brief"
    private static String locationName(String location) {
        try {
            String host = URI.create(location).getHost();
            if (host != null) {
                return host.startsWith("www.") ? host.substring(4) : host;
            }
        } catch (IllegalArgumentException e) {
            // not a URI (e.g. a Windows path or one with spaces), so treat it as a file path below
        }
        return baseName(location);
    }

    /** File name without directory or extension; tolerant of strings that are not valid paths. */
    static String baseName(String location) {
        String name;
        try {
            Path file = Path.of(location).getFileName();
            name = file == null ? location : file.toString();
        } catch (RuntimeException e) {
            name = location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1);
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
