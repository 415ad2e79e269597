package aieditor.ingest;

import aieditor.http.CallCutOff;
import aieditor.model.Article;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.Sources;
import aieditor.text.Text;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Step 0: turns the configured sources into articles and hands them to the store. */
public final class IngestStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "ingest";

    private final FeedParser feeds = new FeedParser();
    private final FolderReader folders = new FolderReader();
    private final IngestSettings settings;
    private final ArticleStore store;
    private final Sources sources;
    private final FeedFetcher fetcher;
    private final Clock clock;

    public IngestStep(IngestSettings settings, ArticleStore store, Sources sources, FeedFetcher fetcher, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.sources = sources;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * Feeds are URLs, feed files or folders of feed files, then the http(s) feeds of the OPML list; folders hold JSON/Markdown
     * articles. A feed listed twice is read once, where it is first listed. A remote OPML list that cannot be fetched
     * is the job's problem: the feeds listed elsewhere are still read.
     */
    public List<Source> sources(@ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                @Header(JobHeaders.JOB_ID) String jobId) throws IOException {
        Map<String, Source> listed = new LinkedHashMap<>();
        for (String feed : settings.feeds()) {
            if (IngestSettings.isWebUrl(feed)) {
                add(listed, new Source(Source.Kind.FEED_URL, feed));
            } else if (Files.isDirectory(Path.of(feed))) {
                try (Stream<Path> files = Files.list(Path.of(feed))) {
                    files.filter(f -> f.toString().matches(".*\\.(xml|rss|atom)$")).sorted()
                            .forEach(f -> add(listed, new Source(Source.Kind.FEED_FILE, f.toString())));
                }
            } else {
                add(listed, new Source(Source.Kind.FEED_FILE, feed));
            }
        }
        for (Opml.Feed feed : opmlFeeds(result, jobId)) {
            // a list from elsewhere must not point ingest at this machine's files
            if (IngestSettings.isWebUrl(feed.url())) {
                add(listed, new Source(Source.Kind.FEED_URL, feed.url(), feed.name()));
            } else {
                String problem = "the outline " + (feed.name() == null ? "" : "'" + feed.name() + "' ") + "has xmlUrl '"
                        + feed.url() + "', not an http(s) URL; skipped";
                result.error("source", settings.opml(), problem);
                StepLog.of(IngestStep.ID, jobId).warn("Source {}: {}.", settings.opml(), problem);
            }
        }
        settings.folders().forEach(f -> add(listed, new Source(Source.Kind.FOLDER, f)));
        if (settings.airtable()) {
            add(listed, new Source(Source.Kind.AIRTABLE, "airtable"));
        }
        return List.copyOf(listed.values());
    }

    private static void add(Map<String, Source> listed, Source source) {
        listed.putIfAbsent(source.location(), source);
    }

    private List<Opml.Feed> opmlFeeds(StepResult result, String jobId) {
        String opml = settings.opml();
        if (opml == null) {
            return List.of();
        }
        try {
            return IngestSettings.isWebUrl(opml) ? Opml.parse(fetcher.fetchDocument(opml, jobId), opml)
                    : Opml.read(Path.of(opml), "ingest.opml");
        } catch (Exception e) {
            String message = "the OPML list could not be read: " + aieditor.pipeline.FailureText.of(e);
            result.error("source", opml, message);
            StepLog.of(IngestStep.ID, jobId).warn("Source {}: {}; its feeds are not read this time.", opml, message);
            return List.of();
        }
    }

    /**
     * The visit of a source about to be read: it starts now, a feed URL with the validators of its last good read; a
     * local source's status says what it is, as it has no HTTP status.
     */
    public SourceVisit visit(@ExchangeProperty("source") Source source) {
        SourceVisit.Validators held = source.remote() ? sources.find(source.location())
                .map(s -> new SourceVisit.Validators(s.etag(), s.lastModified())).orElse(null) : null;
        SourceVisit visit = new SourceVisit(clock.instant(), held);
        switch (source.kind()) {
            case FEED_FILE -> visit.status("file");
            case FOLDER -> visit.status("folder");
            case AIRTABLE -> visit.status("airtable");
            case FEED_URL -> { }
        }
        return visit;
    }

    /** Reads a local source; problems with single files are recorded, not fatal. */
    public List<Article> readLocal(Source source, @ExchangeProperty(SourceVisit.PROPERTY) SourceVisit visit,
                                   @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                   @Header(JobHeaders.JOB_ID) String jobId) throws IOException {
        if (source.kind() == Source.Kind.FOLDER) {
            FolderResult read = folders.read(Path.of(source.location()));
            read.problems().forEach(p -> {
                result.error("source", source.location(), p);
                StepLog.of(IngestStep.ID, jobId).warn("Skipped a file in {}: {}", source.location(), p);
            });
            return read.articles();
        }
        return parse(Files.readAllBytes(Path.of(source.location())), source, visit, result, jobId);
    }

    /** Parses what camel-http fetched for a feed URL; a 304 (no body) means nothing new. */
    public List<Article> parseFetched(@ExchangeProperty("source") Source source, byte[] body,
                                      @ExchangeProperty(SourceVisit.PROPERTY) SourceVisit visit,
                                      @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                      @Header(JobHeaders.JOB_ID) String jobId) {
        return visit.notModified() ? List.of() : parse(body, source, visit, result, jobId);
    }

    // a skipped entry is the source's problem, recorded like a skipped file of a folder
    private List<Article> parse(byte[] xml, Source source, SourceVisit visit, StepResult result, String jobId) {
        FeedParser.Feed feed = feeds.read(xml, source.location(), problem -> {
            result.error("source", source.location(), problem);
            StepLog.of(IngestStep.ID, jobId).warn("Source {}: {}.", source.location(), problem);
        });
        visit.feedTitle(feed.title());
        return feed.articles();
    }

    /** The order the ingest threads take the sources in (see {@link FetchOrder}); storing keeps the configured one. */
    public List<Source> fetchOrder(List<Source> sources) {
        return FetchOrder.spreadOverHosts(sources);
    }

    /**
     * A source's own problem list while it is read in parallel with the others; {@link #store} adds it to the
     * job's result when the source's turn comes.
     */
    public StepResult sourceProblems() {
        return new StepResult();
    }

    /** Exchange property holding the job's {@link ArticleStore.Session} while its sources are stored. */
    public static final String STORING = "storing";

    /** Where the job's new articles got their text from, counted over its sources. */
    public TextTally textTally() {
        return new TextTally();
    }

    /** Begins storing once every source is read: dedupe indexes the stored articles once for all of them. */
    public ArticleStore.Session beginStore(List<SourceRead> reads, @Header(JobHeaders.ISSUE_DATE) LocalDate issueDate) {
        return store.begin(reads, issueDate, settings.replayDates(), settings.titleSimilarity());
    }

    /**
     * Stores one source's articles; called for the sources one at a time, in the configured order. The source's
     * health row is written after its articles, so the validators of a fetch whose articles were not stored are
     * never sent: the next fetch gets the whole feed again.
     *
     * @param pages the job's page fetches, which tell the bodies that came from pages
     */
    public void store(SourceRead read, @ExchangeProperty(STORING) ArticleStore.Session session,
                      @Header(JobHeaders.JOB_ID) String jobId, @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                      @ExchangeProperty(PageFetches.PROPERTY) PageFetches pages,
                      @ExchangeProperty(TextTally.PROPERTY) TextTally tally) {
        List<String> problems = new ArrayList<>();
        if (read.problems() != null) {
            result.takeErrors(read.problems());
            read.problems().errors().forEach(e -> problems.add(String.valueOf(e.get("error"))));
        }
        if (read.failed()) {
            health(read, 0, problems, false);
            return;
        }
        ArticleStore.Stored stored;
        try {
            stored = store.store(session, read, pages);
        } catch (RuntimeException e) {
            problems.add(aieditor.pipeline.FailureText.of(e));
            health(read, 0, problems, false);
            throw e;
        }
        result.processed(read.articles().size());
        result.written(stored.inserted());
        health(read, stored.inserted(), problems, true);
        if (tally != null) {
            tally.add(stored.textFrom());
        }
        String also = stored.sameStory() == 0 ? "" : ", " + stored.sameStory() + " of them stories other sources reported first";
        StepLog.of(IngestStep.ID, jobId).info("Source {}: {} articles read, {} new ({}{}), {} duplicates{}.",
                read.source().location(), read.articles().size(), stored.inserted(), TextTally.describe(stored.textFrom()),
                also, stored.duplicates(),
                read.visit() != null && read.visit().notModified() ? " (not modified since the last fetch)" : "");
    }

    /**
     * The source's row in the sources table, and the display names of its slugs: ingest.source-names for the
     * location or slug, else the feed's title, else what an OPML list called it, else the slug.
     */
    private void health(SourceRead read, int inserted, List<String> problems, boolean good) {
        Source source = read.source();
        SourceVisit visit = read.visit();
        Sources.Source before = sources.find(source.location()).orElse(null);
        String slug = read.articles().stream().map(Article::source).filter(Objects::nonNull).findFirst()
                .orElse(before == null ? null : before.slug());
        boolean feed = source.kind() == Source.Kind.FEED_URL || source.kind() == Source.Kind.FEED_FILE;
        if (!feed) {
            slug = null;
        }
        String feedTitle = visit.feedTitle() != null ? visit.feedTitle() : before == null ? null : before.feedTitle();
        String configured = settings.nameOf(source.location(), slug);
        String name = firstOf(configured, feedTitle, source.nameHint(), slug,
                feed ? SourceNames.of(null, source.location()) : SourceNames.baseName(source.location()));
        // validators change only with a stored 200; a failed or cut-off read keeps the ones that worked
        SourceVisit.Validators validators = good && visit.received() != null ? visit.received()
                : before == null ? SourceVisit.Validators.NONE : new SourceVisit.Validators(before.etag(), before.lastModified());
        visit.finish(clock.instant());
        sources.record(new Sources.Source(source.location(), source.kind().name(), slug, feedTitle, name,
                validators.etag(), validators.lastModified(), visit.started(), visit.status(), read.articles().size(),
                inserted, problems, visit.durationMs(), visit.notBefore()));
        if (slug != null) {
            sources.name(slug, name);
        }
        if (good && !feed) {
            // a folder's or table's articles each name their source by slug: a configured name replaces it, else
            // readers see the slug's words ("Bramblecote Dispatch"), unless a feed of that slug already named it
            read.articles().stream().map(Article::source).filter(Objects::nonNull).distinct().forEach(s -> {
                String named = settings.nameOf(null, s);
                if (named != null) {
                    sources.name(s, named);
                } else if (!Text.unslug(s).isEmpty()) {
                    sources.nameIfUnnamed(s, Text.unslug(s));
                }
            });
        }
    }

    private static String firstOf(String... names) {
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return "unknown";
    }

    /**
     * A broken source degrades the run instead of failing it: record it and go on with the others. A fetch cut off
     * at its deadline or size cap says which, in words an operator can act on.
     */
    public List<Article> sourceFailed(@ExchangeProperty("source") Source source, Exception error,
                                      @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                      @Header(JobHeaders.JOB_ID) String jobId) {
        CallCutOff cut = cutOff(error);
        if (cut != null) {
            result.error("source", source.location(), cut.getMessage());
            StepLog.of(IngestStep.ID, jobId).warn("Source {}: {}; skipped.", source.location(), cut.getMessage());
        } else {
            String message = aieditor.pipeline.FailureText.of(error);
            result.error("source", source.location(), message);
            StepLog.of(IngestStep.ID, jobId).warn("Source {} could not be read and was skipped: {}", source.location(), message);
        }
        return List.of();
    }

    // camel-http passes the cut-off on as it is, but a route or converter on the way may wrap it
    static CallCutOff cutOff(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof CallCutOff cut) {
                return cut;
            }
        }
        return null;
    }

    public void summary(@ExchangeProperty(StepResult.PROPERTY) StepResult result,
                        @ExchangeProperty(TextTally.PROPERTY) TextTally tally) {
        result.summary(result.written() + " new articles from " + result.processed() + " read"
                + (tally == null ? "" : " (" + tally.describe() + ")") + ", " + result.errors().size() + " source problems");
    }
}
