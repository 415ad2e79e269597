package aieditor.ingest;

import aieditor.model.Article;
import aieditor.pipeline.IssueClock;
import aieditor.store.Sql;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Writes ingested articles, keeping one row per story across sources and runs. */
public final class ArticleStore {
    /** Near-duplicate titles are looked for among articles ingested this recently. */
    private static final Duration DEDUPE_WINDOW = Duration.ofDays(30);

    private static final int BATCH = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ArticleStore(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getJdbcTemplate().getDataSource())));
    }

    /**
     * What storing one source did: articles written (reports of a story already held among them), and dropped.
     *
     * @param textFrom how many of the inserted articles got their text from where
     */
    public record Stored(int inserted, int sameStory, int duplicates, Map<TextFrom, Integer> textFrom) {
    }

    /**
     * One ingest job's storing: the stored articles are read and indexed once, when the job's sources have all been
     * read; each source then dedupes against that index and what was stored since (by this job or another).
     */
    public final class Session {
        private final LocalDate issueDate;
        private final boolean replayDates;
        private final Deduplicator dedupe;
        private long lastId;

        private Session(LocalDate issueDate, boolean replayDates, Deduplicator dedupe, long lastId) {
            this.issueDate = issueDate;
            this.replayDates = replayDates;
            this.dedupe = dedupe;
            this.lastId = lastId;
        }
    }

    /** Starts a job's storing; {@code reads} are all its sources, so words are numbered over everything it will see. */
    public Session begin(List<SourceRead> reads, LocalDate issueDate, boolean replayDates, double titleThreshold) {
        List<Article> incoming = reads.stream().filter(r -> !r.failed())
                .flatMap(r -> prepare(r, issueDate, replayDates).stream()).toList();
        synchronized (this) {
            List<Deduplicator.Stored> existing = existing(issueDate, 0);
            long lastId = existing.stream().mapToLong(s -> s.article().id()).max().orElse(0);
            return new Session(issueDate, replayDates, new Deduplicator(existing, incoming, titleThreshold), lastId);
        }
    }

    /**
     * Stores one source's articles. One store at a time in this process: dedupe looks at the stored articles, then
     * inserts, and two ingests storing the same story under different URLs at once would each miss the other's copy.
     * The unique canonical URL settles URL duplicates across processes; near-duplicate titles only within one.
     */
    public synchronized Stored store(Session session, SourceRead read, PageFetches pages) {
        List<Deduplicator.Stored> since = existing(session.issueDate, session.lastId);
        session.dedupe.remember(since);
        since.forEach(s -> session.lastId = Math.max(session.lastId, s.article().id()));
        DedupeResult result = session.dedupe.dedupe(prepare(read, session.issueDate, session.replayDates));
        LocalDate replayDate = replayed(read.source(), session.replayDates) ? session.issueDate : null;
        Map<TextFrom, Integer> textFrom = new EnumMap<>(TextFrom.class);
        int inserted = insert(result, replayDate, pages, textFrom);
        int sameStory = (int) result.kept().stream().filter(a -> result.storyOf().containsKey(a.canonicalUrl())).count();
        return new Stored(inserted, sameStory, read.articles().size() - inserted, textFrom);
    }

    /** Live sources are stored as read; recorded ones (local files, when replay is on) as replayed for the issue. */
    private List<Article> prepare(SourceRead read, LocalDate issueDate, boolean replayDates) {
        if (!replayed(read.source(), replayDates)) {
            return read.articles();
        }
        return replay(read.articles(), IssueClock.reference(issueDate, clock.instant()).minus(Duration.ofHours(1)));
    }

    // real feeds and Airtable are left as they are: only files read from disk can be recordings
    private static boolean replayed(Source source, boolean replayDates) {
        return replayDates && (source.kind() == Source.Kind.FEED_FILE || source.kind() == Source.Kind.FOLDER);
    }

    /**
     * What dedupe compares and names, without the bodies (a large window holds tens of thousands of articles): live
     * articles and this issue's replays, newer than {@code afterId}.
     */
    private List<Deduplicator.Stored> existing(LocalDate issueDate, long afterId) {
        return jdbc.query("SELECT id, source, title, url, canonical_url, story_url FROM articles WHERE ingested_at > :since "
                        + "AND id > :after AND replayed_for IN ('', :d) ORDER BY id",
                Map.of("since", Sql.ts(clock.instant().minus(DEDUPE_WINDOW)), "after", afterId, "d", issueDate.toString()),
                (rs, i) -> new Deduplicator.Stored(new Article(rs.getLong("id"), rs.getString("source"),
                        rs.getString("title"), rs.getString("url"), rs.getString("canonical_url"), null, null, null, null),
                        rs.getString("story_url")));
    }

    /**
     * Recorded sources (the bundled samples) are replayed as if fetched now: every date moves by the same amount
     * so the newest article lands an hour before the issue, keeping the spacing between articles.
     */
    static List<Article> replay(List<Article> articles, Instant anchor) {
        Instant newest = articles.stream().map(Article::publishedAt).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        if (newest == null) {
            return articles;
        }
        Duration shift = Duration.between(newest, anchor);
        return articles.stream().map(a -> a.publishedAt() == null ? a : new Article(a.id(), a.source(), a.title(),
                a.url(), a.canonicalUrl(), a.author(), a.publishedAt().plus(shift), a.summary(), a.body())).toList();
    }

    /**
     * Inserts in batches, a transaction each: one commit per article made a large ingest wait on the disk for each of
     * them. The unique canonical URL settles races between concurrent ingests: the loser's row is not written and not
     * counted.
     */
    private int insert(DedupeResult result, LocalDate replayDate, PageFetches pages, Map<TextFrom, Integer> textFrom) {
        List<Article> kept = result.kept();
        int inserted = 0;
        for (int from = 0; from < kept.size(); from += BATCH) {
            List<Article> batch = kept.subList(from, Math.min(kept.size(), from + BATCH));
            List<TextFrom> froms = batch.stream().map(a -> TextFrom.of(a, pages)).toList();
            MapSqlParameterSource[] rows = new MapSqlParameterSource[batch.size()];
            for (int i = 0; i < rows.length; i++) {
                Article a = batch.get(i);
                rows[i] = row(a, result.storyOf().get(a.canonicalUrl()), replayDate).addValue("textFrom", froms.get(i).column());
            }
            int[] counts = transactions.execute(tx -> jdbc.batchUpdate("INSERT INTO articles (source, title, url, "
                    + "canonical_url, author, published_at, summary, body, text_from, ingested_at, story_url, replayed_for) "
                    + "VALUES (:source, :title, :url, :canonical, :author, :published, :summary, :body, :textFrom, :now, "
                    + ":story, :replay) ON CONFLICT DO NOTHING", rows));
            for (int i = 0; i < counts.length; i++) {
                int count = counts[i] == java.sql.Statement.SUCCESS_NO_INFO ? 1 : counts[i];
                inserted += count;
                textFrom.merge(froms.get(i), count, Integer::sum);
            }
        }
        return inserted;
    }

    private MapSqlParameterSource row(Article a, DedupeResult.SameStory story, LocalDate replayDate) {
        return new MapSqlParameterSource()
                .addValue("source", a.source()).addValue("title", cut(a.title(), 1000)).addValue("url", a.url())
                .addValue("canonical", a.canonicalUrl()).addValue("author", cut(a.author(), 300))
                .addValue("published", Sql.ts(a.publishedAt())).addValue("summary", a.summary())
                .addValue("body", a.body()).addValue("now", Sql.ts(clock.instant()))
                .addValue("story", story == null ? null : story.storyKey()).addValue("replay", replayDate == null ? "" : replayDate.toString());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
