package aieditor.ingest;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import aieditor.model.Article;
import aieditor.text.Text;

/** Turns one RSS 0.9x/1.0/2.0 or Atom 1.0 document into articles. Stateless and thread-safe. */
public class FeedParser {

    /** One feed document: its own title (null when it has none) and its articles. */
    public record Feed(String title, List<Article> articles) {
    }

    /** The articles of {@link #read}, for callers that do not need the feed's title. */
    public List<Article> parse(byte[] xml, String location, Consumer<String> problems) {
        return read(xml, location, problems).articles();
    }

    /**
     * @param xml      the raw document; its encoding is sniffed from the bytes and XML prolog,
     *                 because HTTP headers about feed encodings are often wrong
     * @param location URL or file path, used in error messages and as the source name when the feed has no title
     * @param problems gets one message per entry skipped, numbered from 1 in document order, so the source's owner
     *                 can find it: a non-http link, neither title nor link, an entry ROME could not map
     * @throws FeedException when the document as a whole is not a feed; single bad entries are skipped instead
     */
    public Feed read(byte[] xml, String location, Consumer<String> problems) {
        SyndFeed feed = read(xml, location);
        String source = SourceNames.of(feed.getTitle(), location);
        List<Article> articles = new ArrayList<>();
        int n = 0;
        for (SyndEntry entry : feed.getEntries()) {
            n++;
            try {
                Optional<Article> article = EntryMapper.toArticle(entry, source);
                if (article.isPresent()) {
                    articles.add(article.get());
                } else {
                    problems.accept("entry " + n + " has neither title nor link; skipped");
                }
            } catch (IllegalArgumentException e) {
                problems.accept(e.getMessage());
            } catch (RuntimeException e) {
                // one malformed item must not cost us the rest of the feed's candidates, nor go unnoticed
                problems.accept("entry " + n + " could not be read (" + e + "); skipped");
            }
        }
        String title = Text.blankToNull(Text.plain(feed.getTitle()));
        return new Feed(title, articles);
    }

    private static SyndFeed read(byte[] xml, String location) {
        if (xml == null || xml.length == 0) {
            throw new FeedException("Empty feed document from " + location);
        }
        // a fresh input per call because SyndFeedInput is not documented as thread-safe;
        // its default setAllowDoctypes(false) stays, which is what keeps XXE and entity bombs out
        SyndFeedInput input = new SyndFeedInput();
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(xml))) {
            return input.build(reader);
        } catch (Exception e) {
            // ROME signals "not a feed" with FeedException, IllegalArgumentException or IOException alike
            throw new FeedException("Not a parseable RSS/Atom feed: " + location + " (" + e.getMessage() + ")", e);
        }
    }
}
