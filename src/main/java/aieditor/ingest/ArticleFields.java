package aieditor.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

import aieditor.model.Article;
import aieditor.model.WebLink;
import aieditor.text.Text;

/**
 * Builds an {@link Article} from loosely typed fields (JSON properties, front-matter lines), applying the same
 * clean-up as the feed path so hand-written files cannot smuggle markup or odd source names into the issue.
 */
final class ArticleFields {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private ArticleFields() {
    }

    /**
     * @param fields         lower-case keys: source, title, url, author, published, summary
     * @param fallbackSource used when the file does not name its source, typically the file's base name
     * @throws IllegalArgumentException with a message fit for the problem list when the fields are unusable
     */
    static Article toArticle(Map<String, String> fields, String body, String fallbackSource) {
        String title = Text.plain(fields.get("title"));
        String url = Text.blankToNull(fields.get("url"));
        if (title.isEmpty() && url == null) {
            throw new IllegalArgumentException("no title and no url");
        }
        url = webLink(title, url);
        String source = SourceNames.of(fields.get("source"), fallbackSource);
        String author = Text.blankToNull(fields.get("author"));
        return new Article(null, source, title, url, UrlCanonicalizer.canonical(url), author,
                published(fields.get("published")), Text.plain(fields.get("summary")), body == null ? "" : body.trim());
    }

    /**
     * The link as stored: trimmed, and only an http(s) address ({@link WebLink}); an article may have no link.
     *
     * @throws IllegalArgumentException naming the entry and the link, for the source's problem list
     */
    static String webLink(String title, String url) {
        if (url == null) {
            return null;
        }
        String link = WebLink.clean(url);
        if (link == null) {
            String entry = title.isEmpty() ? "entry without a title" : "entry '" + shortened(title, 80) + "'";
            throw new IllegalArgumentException(entry + " skipped: its link '" + shortened(url, 60)
                    + "' is not an http or https address");
        }
        return link;
    }

    // the message goes to logs and the job's result: long values are cut, control characters made visible
    private static String shortened(String value, int max) {
        String visible = CONTROL.matcher(value).replaceAll("?");
        return visible.length() <= max ? visible : visible.substring(0, max) + "...";
    }

    // hand-written files use whatever date style the author likes; accept the common ISO-8601 shapes
    static Instant published(String value) {
        String text = Text.blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("published is not an ISO-8601 date/time: " + text);
                }
            }
        }
    }
}
