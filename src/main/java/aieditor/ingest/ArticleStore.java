package aieditor.ingest;

import aieditor.model.Article;
import aieditor.pipeline.IssueClock;
import aieditor.store.Sql;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
    private final Deduplicator deduplicator = new Deduplicator();

    public ArticleStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(
                Objects.requireNonNull(jdbc.getJdbcTemplate().getDataSource())));
    }

    /** @param textFrom how many of the inserted articles got their text from where */
    public record Stored(int inserted, int duplicates, Map<TextFrom, Integer> textFrom) {
    }

    /**
     * One store at a time in this process: dedupe reads the stored articles, then inserts, and two ingests storing
     * the same story under different URLs at once would each miss the other's copy. The unique canonical URL
     * settles URL duplicates across processes; near-duplicate titles only within one.
     */
    public synchronized Stored store(List<Article> articles, PageFetches pages, LocalDate issueDate, boolean replayDates,
                                     double titleThreshold) {
        List<Article> incoming = replayDates
                ? replay(articles, IssueClock.reference(issueDate).minus(Duration.ofHours(1))) : articles;
        // what dedupe compares and names, without the bodies: a large window holds tens of thousands of articles
        List<Article> existing = jdbc.query("SELECT id, source, title, url, canonical_url FROM articles WHERE ingested_at > :since",
                Map.of("since", Sql.ts(Instant.now().minus(DEDUPE_WINDOW))), (rs, i) -> new Article(rs.getLong("id"),
                        rs.getString("source"), rs.getString("title"), rs.getString("url"), rs.getString("canonical_url"),
                        null, null, null, null));
        DedupeResult result = deduplicator.dedupe(incoming, existing, titleThreshold);
        Map<TextFrom, Integer> textFrom = new EnumMap<>(TextFrom.class);
        int inserted = insert(result.kept(), pages, textFrom);
        return new Stored(inserted, articles.size() - inserted, textFrom);
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
    private int insert(List<Article> kept, PageFetches pages, Map<TextFrom, Integer> textFrom) {
        int inserted = 0;
        for (int from = 0; from < kept.size(); from += BATCH) {
            List<Article> batch = kept.subList(from, Math.min(kept.size(), from + BATCH));
            List<TextFrom> froms = batch.stream().map(a -> TextFrom.of(a, pages)).toList();
            MapSqlParameterSource[] rows = new MapSqlParameterSource[batch.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = row(batch.get(i)).addValue("textFrom", froms.get(i).column());
            }
            int[] counts = transactions.execute(tx -> jdbc.batchUpdate("INSERT INTO articles (source, title, url, "
                    + "canonical_url, author, published_at, summary, body, text_from, ingested_at) VALUES (:source, :title, "
                    + ":url, :canonical, :author, :published, :summary, :body, :textFrom, :now) ON CONFLICT DO NOTHING", rows));
            for (int i = 0; i < counts.length; i++) {
                int count = counts[i] == java.sql.Statement.SUCCESS_NO_INFO ? 1 : counts[i];
                inserted += count;
                textFrom.merge(froms.get(i), count, Integer::sum);
            }
        }
        return inserted;
    }

    private static MapSqlParameterSource row(Article a) {
        return new MapSqlParameterSource()
                .addValue("source", a.source()).addValue("title", cut(a.title(), 1000)).addValue("url", a.url())
                .addValue("canonical", a.canonicalUrl()).addValue("author", cut(a.author(), 300))
                .addValue("published", Sql.ts(a.publishedAt())).addValue("summary", a.summary())
                .addValue("body", a.body()).addValue("now", Sql.ts(Instant.now()));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
