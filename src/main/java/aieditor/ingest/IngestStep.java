package aieditor.ingest;

import aieditor.http.CallCutOff;
import aieditor.model.Article;
import aieditor.pipeline.Jobs;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Step 0: turns the configured sources into articles and hands them to the store. */
public final class IngestStep {
    private final FeedParser feeds = new FeedParser();
    private final FolderReader folders = new FolderReader();
    private final ArticleStore store;

    public IngestStep(ArticleStore store) {
        this.store = store;
    }

    /** Feeds are URLs, feed files or folders of feed files; folders hold JSON/Markdown articles. */
    public List<Source> sources(String feedList, String folderList, boolean airtable) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (String feed : split(feedList)) {
            if (feed.startsWith("http://") || feed.startsWith("https://")) {
                sources.add(new Source(Source.Kind.FEED_URL, feed));
            } else if (Files.isDirectory(Path.of(feed))) {
                try (Stream<Path> files = Files.list(Path.of(feed))) {
                    files.filter(f -> f.toString().matches(".*\\.(xml|rss|atom)$")).sorted()
                            .forEach(f -> sources.add(new Source(Source.Kind.FEED_FILE, f.toString())));
                }
            } else {
                sources.add(new Source(Source.Kind.FEED_FILE, feed));
            }
        }
        split(folderList).forEach(f -> sources.add(new Source(Source.Kind.FOLDER, f)));
        if (airtable) {
            sources.add(new Source(Source.Kind.AIRTABLE, "airtable"));
        }
        return sources;
    }

    /** Reads a local source; problems with single files are recorded, not fatal. */
    public List<Article> readLocal(Source source, @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                   @Header(Jobs.JOB_ID) String jobId) throws IOException {
        if (source.kind() == Source.Kind.FOLDER) {
            FolderResult read = folders.read(Path.of(source.location()));
            read.problems().forEach(p -> {
                result.error("source", source.location(), p);
                StepLog.of(Step.INGEST, jobId).warn("Skipped a file in {}: {}", source.location(), p);
            });
            return read.articles();
        }
        return parse(Files.readAllBytes(Path.of(source.location())), source, result, jobId);
    }

    /** Parses what camel-http fetched for a feed URL. */
    public List<Article> parseFetched(@ExchangeProperty("source") Source source, byte[] body,
                                      @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                      @Header(Jobs.JOB_ID) String jobId) {
        return parse(body, source, result, jobId);
    }

    // a skipped entry is the source's problem, recorded like a skipped file of a folder
    private List<Article> parse(byte[] xml, Source source, StepResult result, String jobId) {
        return feeds.parse(xml, source.location(), problem -> {
            result.error("source", source.location(), problem);
            StepLog.of(Step.INGEST, jobId).warn("Source {}: {}.", source.location(), problem);
        });
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

    /** Where the job's new articles got their text from, counted over its sources. */
    public TextTally textTally() {
        return new TextTally();
    }

    /**
     * Stores one source's articles; called for the sources one at a time, in the configured order.
     *
     * @param pages the job's page fetches, which tell the bodies that came from pages
     */
    public void store(SourceRead read, @Header(Jobs.ISSUE_DATE) LocalDate issueDate, @Header(Jobs.JOB_ID) String jobId,
                      @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                      @ExchangeProperty(PageFetches.PROPERTY) PageFetches pages,
                      @ExchangeProperty(TextTally.PROPERTY) TextTally tally, boolean replayDates, double titleThreshold) {
        if (read.problems() != null) {
            result.takeErrors(read.problems());
        }
        if (read.failed()) {
            return;
        }
        ArticleStore.Stored stored = store.store(read.articles(), pages, issueDate, replayDates, titleThreshold);
        result.processed(read.articles().size());
        result.written(stored.inserted());
        if (tally != null) {
            tally.add(stored.textFrom());
        }
        StepLog.of(Step.INGEST, jobId).info("Source {}: {} articles read, {} new ({}), {} duplicates.",
                read.source().location(), read.articles().size(), stored.inserted(),
                TextTally.describe(stored.textFrom()), stored.duplicates());
    }

    /**
     * A broken source degrades the run instead of failing it: record it and go on with the others. A fetch cut off
     * at its deadline or size cap says which, in words an operator can act on.
     */
    public List<Article> sourceFailed(@ExchangeProperty("source") Source source, Exception error,
                                      @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                                      @Header(Jobs.JOB_ID) String jobId) {
        CallCutOff cut = cutOff(error);
        if (cut != null) {
            result.error("source", source.location(), cut.getMessage());
            StepLog.of(Step.INGEST, jobId).warn("Source {}: {}; skipped.", source.location(), cut.getMessage());
        } else {
            String message = aieditor.pipeline.FailureText.of(error);
            result.error("source", source.location(), message);
            StepLog.of(Step.INGEST, jobId).warn("Source {} could not be read and was skipped: {}", source.location(), message);
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

    private static List<String> split(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
