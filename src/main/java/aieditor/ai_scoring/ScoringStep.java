package aieditor.ai_scoring;

import aieditor.ai.ArticleScore;
import aieditor.ai.Keyword;
import aieditor.ai.Providers;
import aieditor.ai.ScoringCriteria;
import aieditor.ai.ScoringProvider;
import aieditor.ai.llm.CallOwner;
import aieditor.model.Article;
import aieditor.pipeline.IssueClock;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.Articles;
import aieditor.store.Sql;
import aieditor.store.SystemPrompts;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 0b: scores every article of the issue's window that has no score yet. */
public final class ScoringStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "ai_scoring";

    private final NamedParameterJdbcTemplate jdbc;
    private final Articles articles;
    private final Providers providers;
    private final SystemPrompts prompts;
    private final ScoringSettings settings;
    private final JobStore jobStore;
    private final Clock clock;

    /** What scoring judges against, from configuration. */
    public record ScoringSettings(List<Keyword> keywords, Map<String, Double> sourceWeights, double defaultSourceWeight,
                                  double halfLifeHours, int windowHours) {
        public static ScoringSettings parse(String keywords, String weights, double defaultWeight, double halfLife, int window) {
            Map<String, Double> w = new LinkedHashMap<>();
            for (String pair : weights.split(",")) {
                String[] kv = pair.split("=");
                if (kv.length == 2) {
                    w.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
                }
            }
            return new ScoringSettings(Keyword.parseList(keywords), w, defaultWeight, halfLife, window);
        }
    }

    public ScoringStep(NamedParameterJdbcTemplate jdbc, Articles articles, Providers providers, SystemPrompts prompts,
                       ScoringSettings settings, JobStore jobStore, Clock clock) {
        this.jobStore = jobStore;
        this.clock = clock;
        this.jdbc = jdbc;
        this.articles = articles;
        this.providers = providers;
        this.prompts = prompts;
        this.settings = settings;
    }

    /**
     * Ids of the unscored articles that could still make this issue. Job params {@code {"shard": i, "shards": n}}
     * narrow them to the articles whose id is i modulo n, so n jobs on several workers share a large backlog.
     */
    public List<Long> unscored(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                               @Header(JobHeaders.PARAMS) Map<String, Object> params,
                               @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        Instant reference = IssueClock.reference(issueDate, clock.instant());
        int shards = intParam(params, "shards", 1);
        int shard = intParam(params, "shard", 0);
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard must be 0.." + (shards - 1) + " of shards >= 1, got " + shard + " of " + shards);
        }
        List<Long> ids = jdbc.queryForList("SELECT a.id FROM articles a LEFT JOIN scores s ON s.article_id = a.id "
                        + "WHERE s.article_id IS NULL AND COALESCE(a.published_at, a.ingested_at) > :from "
                        + "AND a.replayed_for IN ('', :day) AND MOD(a.id, :shards) = :shard ORDER BY a.id",
                Map.of("from", Sql.ts(reference.minusSeconds(settings.windowHours() * 3600L)), "day", issueDate.toString(),
                        "shards", shards, "shard", shard),
                Long.class);
        StepLog.of(ScoringStep.ID, jobId).info(shards == 1 ? "Scoring {} new articles." : "Scoring {} new articles (shard {} of {}).",
                ids.size(), shard, shards);
        result.expect(ids.size());
        return ids;
    }

    private static int intParam(Map<String, Object> params, String name, int otherwise) {
        Object value = params == null ? null : params.get(name);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param '" + name + "' must be a whole number, got '" + value + "'");
        }
    }

    public void score(Long articleId, @Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                      @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        Article article = articles.require(articleId);
        ScoringProvider provider = providers.scoring();
        ScoringCriteria criteria = new ScoringCriteria(IssueClock.reference(issueDate, clock.instant()), settings.keywords(),
                settings.sourceWeights(), settings.defaultSourceWeight(), settings.halfLifeHours());
        ArticleScore s;
        try (CallOwner.Scope owner = CallOwner.enter(jobId, issueDate)) {
            s = provider.score(article, criteria);
        }
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("id", articleId).addValue("total", s.total())
                .addValue("recency", s.recency()).addValue("relevance", s.relevance())
                .addValue("weight", s.sourceWeight()).addValue("substance", s.substance())
                .addValue("rationale", s.rationale()).addValue("provider", provider.name())
                .addValue("model", provider.model()).addValue("prompt", prompts.active("scoring").version())
                .addValue("now", Sql.ts(clock.instant()));
        jdbc.update("DELETE FROM scores WHERE article_id = :id", p);
        jdbc.update("INSERT INTO scores (article_id, total, recency, relevance, source_weight, substance, rationale, "
                + "provider, model, prompt_version, scored_at) VALUES (:id, :total, :recency, :relevance, :weight, "
                + ":substance, :rationale, :provider, :model, :prompt, :now)", p);
        result.processed(1);
        result.written(1);
        jobStore.progress(jobId, "ai_scoring " + result.advance() + " articles");
        StepLog.of(ScoringStep.ID, jobId).info("Article {} scored {}: {}", articleId, s.total(), s.rationale());
    }

    /** One article the provider could not score stays unscored for the next run; the others go on. */
    public void scoreFailed(Long articleId, Exception error, @Header(JobHeaders.JOB_ID) String jobId,
                            @ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        if (error instanceof aieditor.pipeline.JobStoppedException stop) {
            throw stop; // cancelled or timed out mid-call: the job stops, the article is not a failure
        }
        result.processed(1);
        result.error("article", articleId, aieditor.pipeline.FailureText.of(error));
        StepLog.of(ScoringStep.ID, jobId).warn("Article {} could not be scored and stays unscored: {}", articleId, error.getMessage());
    }

    public void summary(@ExchangeProperty(StepResult.PROPERTY) StepResult result) {
        result.summary(result.written() + " articles scored, " + result.errors().size() + " failed");
    }
}
