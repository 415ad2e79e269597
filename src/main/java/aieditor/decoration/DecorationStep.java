package aieditor.decoration;

import aieditor.ai.BoldingProvider;
import aieditor.ai.DecorationProvider;
import aieditor.ai.Providers;
import aieditor.ai.llm.CallOwner;
import aieditor.model.Decoration;
import aieditor.pipeline.JobControl;
import aieditor.pipeline.JobStoppedException;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.JobHeaders;
import aieditor.pipeline.Step;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.store.Articles;
import aieditor.store.Issues;
import aieditor.store.Sql;
import aieditor.store.SystemPrompts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.jsoup.Jsoup;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Step 3: the stages of decorating one slot (clean, decorate, bold, write) and the step's start and finish.
 * The route decides the order and which failures degrade instead of failing.
 */
public final class DecorationStep {
    /** This step's id in pipeline.steps, its route's id. */
    public static final String ID = "decoration";

    private final NamedParameterJdbcTemplate jdbc;
    private final Articles articles;
    private final Issues issues;
    private final Providers providers;
    private final SystemPrompts prompts;
    private final ObjectMapper json;
    private final JobControl control;
    private final JobStore jobStore;
    private final Settings settings;
    private final Clock clock;

    /**
     * What a decoration may be given and may give back.
     *
     * @param headlineMaxChars decoration.headline-max-chars: a longer headline fails the slot
     * @param maxInputChars    decoration.max-input-chars: the model's input budget, the cleaned (or raw) text is cut to it
     */
    public record Settings(int headlineMaxChars, int maxInputChars) {
    }

    /** Exchange property: how many slots an earlier attempt of this job had already decorated. */
    static final String KEPT = "decorationKept";

    public DecorationStep(NamedParameterJdbcTemplate jdbc, Articles articles, Issues issues, Providers providers,
                          SystemPrompts prompts, ObjectMapper json, JobControl control, JobStore jobStore, Settings settings,
                          Clock clock) {
        this.control = control;
        this.jobStore = jobStore;
        this.jdbc = jdbc;
        this.articles = articles;
        this.issues = issues;
        this.providers = providers;
        this.prompts = prompts;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The slots still to decorate as small, replayable messages: {slot, articleId}. A job taken over after its worker
     * died, or retried, keeps the slots it already decorated; a new job starts the issue's decorations over.
     */
    public List<Map<String, Object>> slots(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                                           @ExchangeProperty(StepResult.PROPERTY) StepResult result, Exchange exchange) {
        StepLog out = StepLog.of(DecorationStep.ID, jobId);
        if (issues.isSent(issueDate)) {
            out.info("Issue {} was already sent: keeping its decorations.", issueDate);
            return List.of();
        }
        List<Map<String, Object>> slots = jdbc.query("SELECT slot, article_id FROM slot_selections WHERE issue_date = :d ORDER BY slot",
                Map.of("d", issueDate), (rs, i) -> Map.<String, Object>of("slot", rs.getInt(1), "articleId", rs.getLong(2)));
        if (slots.isEmpty()) {
            throw new IllegalStateException("Issue " + issueDate + " has no selected slots: run slot_selection first");
        }
        Map<String, Object> key = Map.of("d", issueDate, "job", jobId);
        jdbc.update("DELETE FROM decorations WHERE issue_date = :d AND NOT (status = 'decorated' AND COALESCE(job_id, '') = :job)", key);
        List<Integer> kept = jdbc.queryForList("SELECT slot FROM decorations WHERE issue_date = :d ORDER BY slot", key, Integer.class);
        exchange.setProperty(KEPT, kept.size());
        result.expect(slots.size());
        kept.forEach(slot -> result.advance());
        List<Map<String, Object>> todo = slots.stream().filter(s -> !kept.contains(((Number) s.get("slot")).intValue())).toList();
        if (kept.isEmpty()) {
            out.info("Decorating {} slots in parallel.", todo.size());
        } else {
            out.info("Resuming: slots {} were decorated by an earlier attempt of this job; decorating the other {}.", kept, todo.size());
        }
        return todo;
    }

    public SlotWork load(@Header(JobHeaders.ISSUE_DATE) LocalDate issueDate, @Header(JobHeaders.JOB_ID) String jobId,
                         Map<String, Object> slotRef) {
        int slot = ((Number) slotRef.get("slot")).intValue();
        long articleId = ((Number) slotRef.get("articleId")).longValue();
        return new SlotWork(issueDate, slot, articles.requireForReaders(articleId), jobId);
    }

    public void clean(SlotWork work) {
        String cleaned;
        try (CallOwner.Scope owner = CallOwner.enter(work.jobId, work.issueDate)) {
            cleaned = providers.cleaning().clean(work.article.text());
        }
        if (cleaned == null || cleaned.isBlank()) {
            throw new IllegalStateException("the cleaner returned no text");
        }
        work.cleaned = cut(cleaned, settings.maxInputChars());
    }

    /** Cleaning failed: go on with the raw article text, cut to the model's input budget. */
    public void cleanFallback(SlotWork work, Exception error, @Header(JobHeaders.JOB_ID) String jobId) {
        stopsHere(error);
        work.cleaned = cut(Jsoup.parse(work.article.text()).text(), settings.maxInputChars());
        work.cleanFallback = true;
        StepLog.of(DecorationStep.ID, jobId).warn("Slot {}: cleaning failed, using raw text: {}", work.slot, error.getMessage());
    }

    public void decorate(SlotWork work) {
        int headlineMaxChars = settings.headlineMaxChars();
        DecorationProvider provider = providers.decoration();
        Decoration d;
        try (CallOwner.Scope owner = CallOwner.enter(work.jobId, work.issueDate)) {
            d = provider.decorate(work.article, work.cleaned, headlineMaxChars);
        }
        if (d == null || d.headline() == null || d.headline().isBlank() || d.headline().length() > headlineMaxChars) {
            throw new IllegalStateException("decoration returned no headline within " + headlineMaxChars + " characters");
        }
        if (d.bullets().size() != 3 || d.bullets().stream().anyMatch(b -> b == null || b.isBlank())) {
            throw new IllegalStateException("decoration returned " + d.bullets().size() + " bullets instead of 3");
        }
        work.decoration = d;
    }

    public void bold(SlotWork work) {
        BoldingProvider provider = providers.bolding();
        List<String> bolded;
        try (CallOwner.Scope owner = CallOwner.enter(work.jobId, work.issueDate)) {
            bolded = provider.bold(work.decoration.bullets());
        }
        if (bolded == null || bolded.size() != work.decoration.bullets().size()) {
            throw new IllegalStateException("bolding returned a different number of bullets");
        }
        work.decoration = work.decoration.withBullets(bolded);
    }

    /** Bolding is decoration on decoration: without it the story still goes out, unbolded. */
    public void boldFallback(SlotWork work, Exception error, @Header(JobHeaders.JOB_ID) String jobId) {
        stopsHere(error);
        work.boldFallback = true;
        StepLog.of(DecorationStep.ID, jobId).warn("Slot {}: bolding failed, using unbolded bullets: {}", work.slot, error.getMessage());
    }

    public void write(SlotWork work, @Header(JobHeaders.JOB_ID) String jobId,
                      @ExchangeProperty(StepResult.PROPERTY) StepResult result) throws JsonProcessingException {
        DecorationProvider provider = providers.decoration();
        MapSqlParameterSource p = slotKey(work.issueDate, work.slot)
                .addValue("article", work.article.id()).addValue("status", "decorated")
                .addValue("headline", work.decoration.headline())
                .addValue("bullets", json.writeValueAsString(work.decoration.bullets()))
                .addValue("cleanFallback", work.cleanFallback).addValue("boldFallback", work.boldFallback)
                .addValue("error", null).addValue("provider", provider.name()).addValue("model", provider.model())
                .addValue("prompt", prompts.active("decoration").version()).addValue("job", jobId);
        upsert(p);
        jobStore.progress(jobId, "decoration " + result.advance() + " slots");
        StepLog.of(DecorationStep.ID, jobId).info("Slot {}: decorated \"{}\"{}{}", work.slot, work.decoration.headline(),
                work.cleanFallback ? " (raw text)" : "", work.boldFallback ? " (unbolded)" : "");
    }

    /**
     * Decorates one slot again outside a job, for an editor (the desk's "Regenerate" and "Replace story"): the same
     * stages and degradations as the route's decorate-slot (clean or raw text, decorate, bold or unbolded), written
     * over the slot's decoration. A failure of the decoration itself is thrown and leaves the slot as it was.
     */
    public Decoration decorateOne(LocalDate issueDate, int slot, long articleId) throws JsonProcessingException {
        SlotWork work = new SlotWork(issueDate, slot, articles.requireForReaders(articleId), null);
        try {
            clean(work);
        } catch (RuntimeException e) {
            work.cleaned = cut(Jsoup.parse(work.article.text()).text(), settings.maxInputChars());
            work.cleanFallback = true;
        }
        decorate(work);
        try {
            bold(work);
        } catch (RuntimeException e) {
            work.boldFallback = true;
        }
        DecorationProvider provider = providers.decoration();
        upsert(slotKey(issueDate, slot).addValue("article", articleId).addValue("status", "decorated")
                .addValue("headline", work.decoration.headline())
                .addValue("bullets", json.writeValueAsString(work.decoration.bullets()))
                .addValue("cleanFallback", work.cleanFallback).addValue("boldFallback", work.boldFallback)
                .addValue("error", null).addValue("provider", provider.name()).addValue("model", provider.model())
                .addValue("prompt", prompts.active("decoration").version()).addValue("job", null));
        return work.decoration;
    }

    /** Slot outcomes back in slot order; failed slots are recorded with their error. */
    public void finish(List<SlotOutcome> outcomes, @Header(JobHeaders.ISSUE_DATE) LocalDate issueDate,
                       @Header(JobHeaders.JOB_ID) String jobId, @ExchangeProperty(StepResult.PROPERTY) StepResult result,
                       @ExchangeProperty(KEPT) Integer kept) {
        control.checkpoint(jobId);
        StepLog out = StepLog.of(DecorationStep.ID, jobId);
        int resumed = kept == null ? 0 : kept;
        if ((outcomes == null || outcomes.isEmpty()) && resumed == 0) {
            result.summary("nothing to decorate");
            return;
        }
        List<SlotOutcome> ordered = outcomes == null ? List.of()
                : outcomes.stream().sorted(Comparator.comparingInt(SlotOutcome::slot)).toList();
        int decorated = resumed;
        for (SlotOutcome o : ordered) {
            if (o.decorated()) {
                decorated++;
            } else {
                upsert(slotKey(issueDate, o.slot()).addValue("article", o.articleId()).addValue("status", "failed")
                        .addValue("headline", null).addValue("bullets", null).addValue("cleanFallback", false)
                        .addValue("boldFallback", false).addValue("error", cut(o.error(), 2000))
                        .addValue("provider", null).addValue("model", null).addValue("prompt", null).addValue("job", jobId));
                result.error("slot", o.slot(), o.error());
                out.error("Slot {}: failed: {}", o.slot(), o.error());
            }
        }
        int total = ordered.size() + resumed;
        result.processed(total);
        result.written(decorated);
        result.summary(decorated + "/" + total + " slots decorated");
        out.info("{}/{} slots decorated.", decorated, total);
        if (decorated == 0) {
            throw new IllegalStateException("No slot of issue " + issueDate + " could be decorated");
        }
        issues.setStatus(issueDate, Issues.DECORATED, "decoration");
    }

    /** A job stopped mid-stage (cancelled, timed out) is not a stage failure to degrade around: the slot ends here. */
    private static void stopsHere(Exception error) {
        if (error instanceof JobStoppedException stop) {
            throw stop;
        }
    }

    private MapSqlParameterSource slotKey(LocalDate issueDate, int slot) {
        return new MapSqlParameterSource().addValue("d", issueDate).addValue("slot", slot).addValue("now", Sql.ts(clock.instant()));
    }

    private void upsert(MapSqlParameterSource p) {
        jdbc.update("DELETE FROM decorations WHERE issue_date = :d AND slot = :slot", p);
        jdbc.update("INSERT INTO decorations (issue_date, slot, article_id, status, headline, bullets, clean_fallback, "
                + "bold_fallback, error, provider, model, prompt_version, decorated_at, job_id) VALUES (:d, :slot, :article, :status, "
                + ":headline, :bullets, :cleanFallback, :boldFallback, :error, :provider, :model, :prompt, :now, :job)", p);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
