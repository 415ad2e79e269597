package aieditor.ingest;

import java.util.Date;
import java.util.Optional;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndLink;

import aieditor.model.Article;
import aieditor.text.Text;

/** Maps one ROME entry to an {@link Article}; ROME has already unified RSS and Atom field names for us. */
final class EntryMapper {

    private EntryMapper() {
    }

    /**
     * Empty when the entry has neither a title nor a link, since nothing downstream can use it; the parser records
     * it as the source's problem.
     *
     * @throws IllegalArgumentException when its link is not http(s), with a message for the source's problem list
     */
    static Optional<Article> toArticle(SyndEntry entry, String source) {
        String title = Text.plain(entry.getTitle());
        String url = Text.blankToNull(link(entry));
        if (title.isEmpty() && url == null) {
            return Optional.empty();
        }
        url = ArticleFields.webLink(title, url);
        String summary = entry.getDescription() == null ? "" : Boilerplate.text(entry.getDescription().getValue());
        // RSS 1.0 dc:date and RSS 2.0 pubDate both arrive as the published date; Atom may only have <updated>
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        return Optional.of(new Article(null, source, title, url, UrlCanonicalizer.canonical(url), author(entry),
                date == null ? null : date.toInstant(), summary, body(entry)));
    }

    // ROME maps Atom's alternate link to getLink() only when it happens to be listed first; be explicit
    private static String link(SyndEntry entry) {
        for (SyndLink link : entry.getLinks()) {
            if ("alternate".equals(link.getRel()) && Text.blankToNull(link.getHref()) != null) {
                return link.getHref();
            }
        }
        return entry.getLink();
    }

    private static String author(SyndEntry entry) {
        String author = Text.blankToNull(entry.getAuthor());
        if (author == null && !entry.getAuthors().isEmpty()) {
            author = Text.blankToNull(entry.getAuthors().get(0).getName());
        }
        return author == null ? null : Text.plain(author);
    }

    // the body stays HTML: the cleaning step downstream needs the markup, titles and summaries do not
    private static String body(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            if (content != null && content.getValue() != null && !content.getValue().isBlank()) {
                return Boilerplate.html(content.getValue().trim());
            }
        }
        return "";
    }
}
