package aieditor.prefilter;

import aieditor.pipeline.IssueClock;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.Sql;
import aieditor.text.TitleSimilarity;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.jsoup.Jsoup;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 1: decides which scored articles may compete for this issue. Every article in the window gets a line in
 * the prefilter log, passed or excluded, with the reason.
 */
public final class PrefilterStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "prefilter";

    private final NamedParameterJdbcTemplate jdbc;
    private final PrefilterLog log;
    private final Settings settings;

    /**
     * What an article needs to compete for an issue.
     *
     * @param maxAgeHours          prefilter.max-age-hours: older articles are excluded
     * @param minScore             prefilter.min-score
     * @param minRelevance         prefilter.min-relevance: keyword relevance (0..1) an article needs, however fresh
     * @param minWords             prefilter.min-words
     * @param featuredLookbackDays prefilter.featured-lookback-days: a story featured this many days back is not again
     * @param titleSimilarity      ingest.title-similarity: a title this similar to a featured one is the same story
     */
    public record Settings(int maxAgeHours, double minScore, double minRelevance, int minWords, int featuredLookbackDays,
                           double titleSimilarity) {
    }

    private final java.time.Clock clock;

    public PrefilterStep(NamedParameterJdbcTemplate jdbc, PrefilterLog log, Settings settings, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.log = log;
        this.settings = settings;
    }

    /** @param story the story's key: the canonical URL of its first report (see articles.story_url) */
    record Candidate(long id, String source, String title, Instant time, double score, double relevance, String text,
                     String story) {
    }

    record Featured(long articleId, String title, LocalDate issueDate, String story) {
    }

    public void run(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                    @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        int lookbackDays = settings.featuredLookbackDays();
        Instant reference = IssueClock.reference(issueDate, clock.instant());
        // replays of the samples for other issue dates are not this issue's articles, nor stories it repeats
        List<Candidate> candidates = jdbc.query("SELECT a.id, a.source, a.title, COALESCE(a.published_at, a.ingested_at) AS t, "
                        + "s.total, s.relevance, COALESCE(a.body, '') AS body, COALESCE(a.summary, '') AS summary, "
                        + "COALESCE(a.story_url, a.canonical_url) AS story FROM articles a JOIN scores s ON s.article_id = a.id "
                        + "WHERE COALESCE(a.published_at, a.ingested_at) > :from AND a.replayed_for IN ('', :day) "
                        + "ORDER BY s.total DESC, a.id",
                Map.of("from", Sql.ts(reference.minus(Duration.ofDays(lookbackDays))), "day", issueDate.toString()),
                (rs, i) -> new Candidate(rs.getLong("id"), rs.getString("source"), rs.getString("title"), Sql.instant(rs, "t"),
                        rs.getDouble("total"), rs.getDouble("relevance"), rs.getString("body").isBlank() ? rs.getString("summary") : rs.getString("body"),
                        rs.getString("story")));
        List<Featured> featured = jdbc.query("SELECT s.article_id, a.title, s.issue_date, "
                        + "COALESCE(a.story_url, a.canonical_url) AS story FROM slot_selections s "
                        + "JOIN articles a ON a.id = s.article_id WHERE s.issue_date < :d AND s.issue_date >= :since "
                        + "AND a.replayed_for IN ('', :day)",
                Map.of("d", issueDate, "day", issueDate.toString(), "since", issueDate.minusDays(lookbackDays)),
                (rs, i) -> new Featured(rs.getLong(1), rs.getString(2), Sql.date(rs, "issue_date"), rs.getString("story")));

        log.clear(issueDate, PrefilterStep.ID);
        StepLog stepLog = StepLog.of(PrefilterStep.ID, jobId);
        // the candidates come best score first, so a story's first passing report is the one the issue tells it from
        Map<String, Candidate> told = new HashMap<>();
        int passed = 0;
        int merged = 0;
        for (Candidate c : candidates) {
            String exclusion = exclusion(c, reference, featured);
            Candidate teller = exclusion == null ? told.get(c.story()) : null;
            if (exclusion != null) {
                log.exclude(issueDate, PrefilterStep.ID, c.id(), exclusion);
            } else if (teller != null) {
                merged++;
                log.merge(issueDate, PrefilterStep.ID, c.id(), teller.id(), "same story as article " + teller.id() + " from "
                        + teller.source() + ", which scored " + teller.score() + ": merged into it");
                stepLog.info("Article {} from {} merged into article {} from {}: the same story, which scored higher there.",
                        c.id(), c.source(), teller.id(), teller.source());
            } else {
                passed++;
                told.put(c.story(), c);
                log.pass(issueDate, PrefilterStep.ID, c.id(), "score " + c.score());
            }
        }
        result.processed(candidates.size());
        result.written(passed);
        result.summary(passed + " of " + candidates.size() + " articles passed"
                + (merged == 0 ? "" : ", " + merged + " merged into stories other sources tell"));
        stepLog.info("{} of {} articles passed; {} merged into the same story from another source; {} excluded with "
                + "reasons in the prefilter log.", passed, candidates.size(), merged, candidates.size() - passed - merged);
    }

    private String exclusion(Candidate c, Instant reference, List<Featured> featured) {
        int maxAgeHours = settings.maxAgeHours();
        double minScore = settings.minScore();
        double minRelevance = settings.minRelevance();
        int minWords = settings.minWords();
        for (Featured f : featured) {
            if (f.articleId() == c.id()) {
                return "featured on " + f.issueDate() + " (within " + settings.featuredLookbackDays() + " days)";
            }
            if (f.story().equals(c.story())) {
                return "same story as article " + f.articleId() + " featured on " + f.issueDate();
            }
            if (TitleSimilarity.nearDuplicate(f.title(), c.title(), settings.titleSimilarity())) {
                return "same story as article " + f.articleId() + " featured on " + f.issueDate();
            }
        }
        if (c.time().isAfter(reference)) {
            return "published after the issue";
        }
        long ageHours = Duration.between(c.time(), reference).toHours();
        if (ageHours > maxAgeHours) {
            return "too old: " + ageHours + " h (maximum " + maxAgeHours + " h)";
        }
        // Before the score: a fresh story off the newsletter's topics can reach the minimum score on recency alone.
        if (c.relevance() < minRelevance) {
            return String.format(Locale.ROOT, "relevance %.2f below minimum %s", c.relevance(), minRelevance);
        }
        if (c.score() < minScore) {
            return "score " + c.score() + " below minimum " + minScore;
        }
        int words = Jsoup.parse(c.text()).text().split("\\s+").length;
        if (words < minWords) {
            return "too short: " + words + " words (minimum " + minWords + ")";
        }
        return null;
    }
}
