package aieditor.ingest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ingest's settings (ingest.* and airtable.enabled in application.properties), read once at start-up and handed to
 * the step as values: a path with {@code ..}, a quote or a parenthesis is data here, never part of an expression.
 * A malformed entry stops start-up with a message naming its setting.
 *
 * @param feeds           ingest.feeds: feed URLs, feed files and folders of feed files
 * @param folders         ingest.folders: folders of JSON/Markdown articles
 * @param opml            ingest.opml: an OPML file or http(s) URL whose outlines add feeds; null when unset
 * @param airtable        airtable.enabled: the Airtable articles table is a source too
 * @param replayDates     ingest.replay-dates: recorded sources are replayed as if fetched now
 * @param titleSimilarity ingest.title-similarity: titles at least this similar are the same story
 * @param userAgent       ingest.user-agent: how every ingest fetch names itself to servers
 * @param maxRetryWait    ingest.max-retry-after-seconds: a 429/503 asking for a shorter wait is waited once within
 *                        the job; a longer one skips the source
 * @param sourceNames     ingest.source-names: display names by source location or slug
 */
public record IngestSettings(List<String> feeds, List<String> folders, String opml, boolean airtable,
                             boolean replayDates, double titleSimilarity, String userAgent, Duration maxRetryWait,
                             Map<String, String> sourceNames) {

    public IngestSettings {
        feeds = List.copyOf(feeds);
        folders = List.copyOf(folders);
        sourceNames = Map.copyOf(sourceNames);
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("ingest.user-agent must name the project and a contact URL, not be empty");
        }
        if (maxRetryWait.isNegative()) {
            throw new IllegalArgumentException("ingest.max-retry-after-seconds must be 0 or more, got " + maxRetryWait.toSeconds());
        }
    }

    public static IngestSettings read(Function<String, String> prop) {
        List<String> feeds = list(prop.apply("ingest.feeds"));
        for (String feed : feeds) {
            if (!isWebUrl(feed) && !exists(feed, false)) {
                throw new IllegalArgumentException("ingest.feeds: '" + feed
                        + "' is neither an http(s) URL nor an existing file or folder");
            }
        }
        List<String> folders = list(prop.apply("ingest.folders"));
        for (String folder : folders) {
            if (!exists(folder, true)) {
                throw new IllegalArgumentException("ingest.folders: '" + folder + "' is not an existing folder");
            }
        }
        String opml = blankToNull(prop.apply("ingest.opml"));
        if (opml != null && !isWebUrl(opml)) {
            // a local outline is read now too, so a typo stops start-up instead of every ingest finding no feeds
            Opml.read(Path.of(opml), "ingest.opml");
        }
        return new IngestSettings(feeds, folders, opml, Boolean.parseBoolean(prop.apply("airtable.enabled")),
                Boolean.parseBoolean(prop.apply("ingest.replay-dates")),
                number("ingest.title-similarity", prop.apply("ingest.title-similarity")),
                prop.apply("ingest.user-agent").trim(),
                Duration.ofSeconds((long) number("ingest.max-retry-after-seconds", prop.apply("ingest.max-retry-after-seconds"))),
                names(prop.apply("ingest.source-names")));
    }

    /** The configured display name of a source, by its location first, then by its slug; null when none is set. */
    public String nameOf(String location, String slug) {
        // Map.copyOf's map refuses to look up null
        String name = location == null ? null : sourceNames.get(location);
        return name != null || slug == null ? name : sourceNames.get(slug);
    }

    static boolean isWebUrl(String location) {
        if (!location.startsWith("http://") && !location.startsWith("https://")) {
            return false;
        }
        try {
            return URI.create(location).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean exists(String path, boolean folder) {
        try {
            Path p = Path.of(path);
            return folder ? Files.isDirectory(p) : Files.exists(p);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    // "https://example.org/rss?id=3=Example News, kestrel-wire=Kestrel Wire": keys may hold '=' (query strings),
    // names may not, so each entry is cut at its last '='
    private static Map<String, String> names(String setting) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String entry : list(setting)) {
            int eq = entry.lastIndexOf('=');
            String key = eq < 0 ? "" : entry.substring(0, eq).trim();
            String name = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (key.isEmpty() || name.isEmpty()) {
                throw new IllegalArgumentException("ingest.source-names: '" + entry
                        + "' is not <location or slug>=<display name>");
            }
            names.put(key, name);
        }
        return names;
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
        }
    }

    private static List<String> list(String setting) {
        return setting == null ? List.of()
                : Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
