package aieditor.ingest;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import aieditor.http.CallCutOff;
import aieditor.model.Article;
import aieditor.pipeline.FailureText;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobStoppedException;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.StepLog;
import aieditor.text.Text;

/**
 * Full text for the entries of feeds fetched over HTTP that carry only a teaser: the article's page is fetched (like
 * a feed: through fetch-feed, holding a permit of its host, under its own deadline and size cap) and its article
 * extracted ({@link PageExtractor}).
 * <p>
 * The rule: an entry's body is its article when its text is at least {@link #MIN_BODY_CHARS} characters and at
 * least half again as long as its summary; otherwise its page is fetched, and the page's text replaces the body
 * when it is longer. Only stories not stored yet are fetched, each at most once per job, at most
 * {@code max-per-job} pages a job and {@code max-per-host} from one host. A failed fetch, a page that is not HTML or
 * holds no article, or one over a cap leaves the entry as the feed gave it: its summary (text_from 'summary'), or
 * its short body ('feed'). Local feed files, folders and Airtable are never completed: they are recordings or
 * hand-written, and the bundled samples must run offline.
 */
public final class FullText {
    /** A feed body with less text than this is a teaser. */
    static final int MIN_BODY_CHARS = 500;

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    /**
     * @param enabled    ingest.full-text.enabled
     * @param maxBytes   a larger page is cut off and the summary kept
     * @param deadline   for one page's fetch, from holding its host's permit
     * @param maxPerJob  pages fetched by one ingest job at most
     * @param maxPerHost pages fetched from one host by one ingest job at most
     * @param privateHosts ingest.full-text.private-hosts: whether pages (and their redirects) may be on private
     *                   addresses; off, a link into the network the ingest runs in is refused ({@link PrivateAddresses})
     */
    public record Settings(boolean enabled, long maxBytes, Duration deadline, int maxPerJob, int maxPerHost,
                           boolean privateHosts) {
    }

    private final Settings settings;
    private final FeedFetcher fetcher;
    private final StoredUrls stored;
    private final JobControl control;
    private final PageExtractor extractor = new PageExtractor();

    public FullText(Settings settings, FeedFetcher fetcher, NamedParameterJdbcTemplate jdbc, JobControl control) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.stored = new StoredUrls(jdbc);
        this.control = control;
    }

    /** The page fetches of one ingest job, shared by its sources. */
    public PageFetches pageFetches() {
        return new PageFetches(settings.maxPerJob(), settings.maxPerHost());
    }

    /**
     * The source's articles, teasers completed from their pages where that worked. Never fails the source: the
     * feed's articles are worth more than their full text.
     */
    public List<Article> fill(List<Article> articles, @ExchangeProperty("source") Source source,
                              @ExchangeProperty(PageFetches.PROPERTY) PageFetches pages, @Header(JobHeaders.JOB_ID) String jobId) {
        if (!settings.enabled() || !source.remote() || pages == null) {
            return articles;
        }
        List<Article> teasers = articles.stream().filter(a -> a.canonicalUrl() != null && a.url() != null && teaser(a)).toList();
        if (teasers.isEmpty()) {
            return articles;
        }
        StepLog log = StepLog.of(IngestStep.ID, jobId);
        Set<String> known;
        try {
            known = stored.among(teasers.stream().map(Article::canonicalUrl).distinct().toList());
        } catch (RuntimeException e) {
            log.warn("Source {}: could not tell which stories are stored, so no pages were fetched: {}",
                    source.location(), FailureText.of(e));
            return articles;
        }
        Map<String, String> texts = new HashMap<>();
        for (Article teaser : teasers) {
            if (known.contains(teaser.canonicalUrl()) || texts.containsKey(teaser.canonicalUrl())) {
                continue;
            }
            try {
                control.checkpoint(jobId);
            } catch (JobStoppedException stopped) {
                break; // the route's next safe point stops the job
            }
            pages.text(teaser.canonicalUrl(), teaser.url(), url -> page(url, jobId, log))
                    .ifPresent(text -> texts.put(teaser.canonicalUrl(), text));
        }
        long newTeasers = teasers.stream().filter(a -> !known.contains(a.canonicalUrl())).count();
        log.info("Source {}: {} new entries carried only a summary; {} got their text from their pages.",
                source.location(), newTeasers, texts.size());
        return articles.stream().map(a -> withPage(a, texts.get(a.canonicalUrl()))).toList();
    }

    /** Whether the entry's body is too short to be its article (see the class comment for the rule). */
    static boolean teaser(Article article) {
        int body = Text.plain(article.body()).length();
        int summary = article.summary() == null ? 0 : article.summary().length();
        return body < MIN_BODY_CHARS || body < summary * 3 / 2;
    }

    private Optional<String> page(String url, String jobId, StepLog log) {
        try {
            FeedFetcher.Page page = fetcher.fetchPage(url, jobId, settings.deadline(), settings.maxBytes(),
                    !settings.privateHosts());
            String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.contains("html")) {
                log.warn("Page {} is {}, not HTML; its entry keeps the feed's text.", url, type);
                return Optional.empty();
            }
            Optional<String> text = page.body() == null ? Optional.empty()
                    : extractor.extract(page.body(), charset(type), url);
            if (text.isEmpty()) {
                log.info("Page {} holds no article text; its entry keeps the feed's text.", url);
            }
            return text;
        } catch (JobStoppedException stopped) {
            throw stopped;
        } catch (Exception e) {
            CallCutOff cut = IngestStep.cutOff(e);
            log.warn("Page {} could not be fetched, its entry keeps the feed's text: {}", url,
                    cut != null ? cut.getMessage() : FailureText.of(e));
            return Optional.empty();
        }
    }

    private static Article withPage(Article a, String text) {
        if (text == null || Text.plain(text).length() <= Text.plain(a.body()).length()) {
            return a;
        }
        return new Article(a.id(), a.source(), a.title(), a.url(), a.canonicalUrl(), a.author(), a.publishedAt(),
                a.summary(), text);
    }

    // the server's word on the charset, when it is one Java knows; else jsoup reads the page's own
    static String charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType == null ? "" : contentType);
        try {
            return m.find() && Charset.isSupported(m.group(1)) ? m.group(1) : null;
        } catch (IllegalArgumentException illegalName) {
            return null;
        }
    }
}
