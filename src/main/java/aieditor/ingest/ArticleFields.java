package aieditor.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

import aieditor.model.Article;

/**
 * Builds an {@link Article} from loosely typed fields (JSON properties, front-matter lines), applying the same
 * clean-up as the feed path so hand-written files cannot smuggle markup or odd source names into the issue.
 */
final class ArticleFields {

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
        String source = SourceNames.of(fields.get("source"), fallbackSource);
        String author = Text.blankToNull(fields.get("author"));
        return new Article(null, source, title, url, UrlCanonicalizer.canonical(url), author,
                published(fields.get("published")), Text.plain(fields.get("summary")), body == null ? "" : body.trim());
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
