package aieditor.api;

import aieditor.slot_selection.SlotSelectionStep;
import aieditor.prefilter.PrefilterStep;
import aieditor.decoration.DecorationStep;
import aieditor.html_compile.HtmlCompileStep;
import aieditor.images.ImagesStep;
import aieditor.mautic_send.MauticSendStep;
import aieditor.pipeline.StepLog;
import aieditor.pipeline.StepResult;
import aieditor.prefilter.PrefilterLog;
import aieditor.store.AuditLog;
import aieditor.store.Issues;
import aieditor.store.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an editor does to an issue's slots - edit a headline and bullets, replace the story, decorate it again, move
 * it up or down - for the desk and the REST API alike. Every change writes the slot's current rows (slot_selections,
 * decorations, images: what html_compile reads), is kept as a new version with who and when (slot_versions), and
 * recompiles the issue, so the preview and the sent issue are exactly what was edited. A sent issue, or one whose send
 * has started, is refused with 409.
 */
public final class IssueEditor {
    private static final TypeReference<List<String>> BULLETS = new TypeReference<>() {
    };
    /** The longest bullet an editor may write: a sentence or two, as the pipeline's own. */
    public static final int BULLET_MAX_CHARS = 400;
    static final int ACTOR_MAX_CHARS = 100;

    /**
     * @param headlineMaxChars decoration.headline-max-chars: an editor's headline is held to the pipeline's limit
     * @param candidates       desk.candidates: how many stories "Replace story" offers
     */
    public record Settings(int headlineMaxChars, int candidates) {
    }

    public record Slot(int slot, long articleId, String title, String source, String url, Instant publishedAt,
                       Double score, String rationale, String whyChosen, String status, String headline,
                       List<String> bullets, String error, String provider, String model, Instant decoratedAt,
                       boolean hasImage) {
    }

    public record Candidate(long articleId, String title, String source, String url, double score, String rationale,
                            String whyNotChosen) {
    }

    public record Version(int slot, int version, String change, long articleId, String headline, List<String> bullets,
                          String actor, Instant at) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Issues issues;
    private final AuditLog audit;
    private final DecorationStep decoration;
    private final ImagesStep images;
    private final HtmlCompileStep compiler;
    private final MauticSendStep sending;
    private final PrefilterLog log;
    private final Settings settings;
    private final Clock clock;
    private final Map<LocalDate, Object> locks = new ConcurrentHashMap<>();

    public IssueEditor(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Issues issues, AuditLog audit,
                       DecorationStep decoration, ImagesStep images, HtmlCompileStep compiler, MauticSendStep sending,
                       PrefilterLog log, Settings settings, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.issues = issues;
        this.audit = audit;
        this.decoration = decoration;
        this.images = images;
        this.compiler = compiler;
        this.sending = sending;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /** The issue's slots in order, each with its story, score, why it was chosen and its decoration. */
    public List<Slot> slots(LocalDate date) {
        return jdbc.query("SELECT s.slot, s.article_id, s.score, a.title, COALESCE(n.display_name, a.source) AS source, a.url, a.published_at, sc.rationale, "
                        + "d.status, d.headline, d.bullets, d.error, d.provider, d.model, d.decorated_at, i.url AS image_url, "
                        + "(SELECT MIN(p.reason) FROM prefilter_log p WHERE p.issue_date = s.issue_date AND p.article_id = s.article_id "
                        + "AND p.step = :sel AND p.decision = :pass) AS chosen, "
                        + "(SELECT MIN(p.reason) FROM prefilter_log p WHERE p.issue_date = s.issue_date AND p.article_id = s.article_id "
                        + "AND p.step = :pre AND p.decision = :pass) AS passed "
                        + "FROM slot_selections s JOIN articles a ON a.id = s.article_id "
                        + "LEFT JOIN scores sc ON sc.article_id = s.article_id "
                        + "LEFT JOIN decorations d ON d.issue_date = s.issue_date AND d.slot = s.slot "
                        + "LEFT JOIN images i ON i.issue_date = s.issue_date AND i.slot = s.slot "
                        + "LEFT JOIN source_names n ON n.slug = a.source "
                        + "WHERE s.issue_date = :d ORDER BY s.slot",
                new MapSqlParameterSource("d", date).addValue("sel", SlotSelectionStep.ID)
                        .addValue("pre", PrefilterStep.ID).addValue("pass", PrefilterLog.PASS),
                (rs, i) -> new Slot(rs.getInt("slot"), rs.getLong("article_id"), rs.getString("title"),
                        rs.getString("source"), rs.getString("url"), Sql.instant(rs, "published_at"),
                        rs.getDouble("score"), rs.getString("rationale"),
                        whyChosen(rs.getString("chosen"), rs.getString("passed")),
                        rs.getString("status") == null ? "not decorated" : rs.getString("status"),
                        rs.getString("headline"), bullets(rs.getString("bullets")), rs.getString("error"),
                        rs.getString("provider"), rs.getString("model"), Sql.instant(rs, "decorated_at"),
                        rs.getString("image_url") != null));
    }

    public Slot slot(LocalDate date, int slot) {
        return slots(date).stream().filter(s -> s.slot() == slot).findFirst()
                .orElseThrow(() -> new ApiException(404, "Issue " + date + " has no slot " + slot));
    }

    private static String whyChosen(String chosen, String passed) {
        if (chosen == null && passed == null) {
            return "chosen by an editor";
        }
        String why = chosen == null ? "" : chosen;
        if (passed != null) {
            why += (why.isEmpty() ? "" : "; ") + "passed prefilter (" + passed + ")";
        }
        return why;
    }

    /**
     * The best stories not in the issue, for "Replace story": articles that passed prefilter for the issue, highest
     * score first, each with why slot_selection left it out.
     */
    public List<Candidate> candidates(LocalDate date) {
        return jdbc.query("SELECT a.id, a.title, COALESCE(n.display_name, a.source) AS source, a.url, sc.total, sc.rationale, "
                        + "(SELECT MIN(x.reason) FROM prefilter_log x WHERE x.issue_date = p.issue_date AND x.article_id = p.article_id "
                        + "AND x.step = :sel AND x.decision = :exclude) AS why "
                        + "FROM prefilter_log p JOIN articles a ON a.id = p.article_id JOIN scores sc ON sc.article_id = a.id "
                        + "LEFT JOIN source_names n ON n.slug = a.source "
                        + "WHERE p.issue_date = :d AND p.step = :pre AND p.decision = :pass "
                        + "AND a.id NOT IN (SELECT article_id FROM slot_selections WHERE issue_date = :d) "
                        + "ORDER BY sc.total DESC, a.id LIMIT :n",
                new MapSqlParameterSource("d", date).addValue("sel", SlotSelectionStep.ID)
                        .addValue("pre", PrefilterStep.ID).addValue("pass", PrefilterLog.PASS)
                        .addValue("exclude", PrefilterLog.EXCLUDE).addValue("n", settings.candidates()),
                (rs, i) -> new Candidate(rs.getLong("id"), rs.getString("title"), rs.getString("source"),
                        rs.getString("url"), rs.getDouble("total"), rs.getString("rationale"),
                        rs.getString("why") == null ? "not considered by slot selection" : rs.getString("why")));
    }

    /** Every version of every slot, newest first. */
    public List<Version> history(LocalDate date) {
        return jdbc.query("SELECT slot, version, change, article_id, headline, bullets, actor, at FROM slot_versions "
                        + "WHERE issue_date = :d ORDER BY at DESC, id DESC", Map.of("d", date),
                (rs, i) -> new Version(rs.getInt("slot"), rs.getInt("version"), rs.getString("change"),
                        rs.getLong("article_id"), rs.getString("headline"), bullets(rs.getString("bullets")),
                        rs.getString("actor"), Sql.instant(rs, "at")));
    }

    /** An editor's headline and three bullets for the slot, written as its decoration. */
    public Slot edit(LocalDate date, int slot, Object headline, Object bullets, String actor) {
        String who = actor(actor);
        String h = text(headline, "headline", settings.headlineMaxChars());
        if (!(bullets instanceof List<?> list) || list.size() != 3) {
            throw new ApiException(400, "'bullets' must be a list of exactly 3 texts");
        }
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            b.add(text(list.get(i), "bullets[" + i + "]", BULLET_MAX_CHARS));
        }
        return change(date, slot, who, "edit", current -> {
            MapSqlParameterSource p = new MapSqlParameterSource("d", date).addValue("slot", slot)
                    .addValue("article", current.articleId()).addValue("headline", h).addValue("bullets", write(b))
                    .addValue("now", Sql.ts(clock.instant()));
            jdbc.update("DELETE FROM decorations WHERE issue_date = :d AND slot = :slot", p);
            jdbc.update("INSERT INTO decorations (issue_date, slot, article_id, status, headline, bullets, clean_fallback, "
                    + "bold_fallback, error, provider, model, prompt_version, decorated_at, job_id) VALUES (:d, :slot, :article, "
                    + "'decorated', :headline, :bullets, FALSE, FALSE, NULL, 'editor', NULL, NULL, :now, NULL)", p);
            // the story's image card shows its headline: a new headline gets a new card, so the image says what the
            // text says
            if (current.hasImage() && !h.equals(current.headline())) {
                images.imageOne(date, slot);
            }
        });
    }

    /** Puts another candidate story in the slot and decorates it (and makes its image). */
    public Slot replace(LocalDate date, int slot, Object articleId, String actor) {
        String who = actor(actor);
        if (!(articleId instanceof Number n) || n.longValue() != n.doubleValue()) {
            throw new ApiException(400, "'article_id' must be the id of a candidate story (a whole number)");
        }
        long id = n.longValue();
        return change(date, slot, who, "replace", current -> {
            if (!isCandidate(date, id)) {
                throw new ApiException(400, "'article_id' " + id + " is not a candidate for issue " + date
                        + ": it must have passed prefilter and be in no other slot");
            }
            double score = jdbc.queryForObject("SELECT total FROM scores WHERE article_id = :a", Map.of("a", id), Double.class);
            MapSqlParameterSource p = new MapSqlParameterSource("d", date).addValue("slot", slot).addValue("a", id)
                    .addValue("score", score).addValue("now", Sql.ts(clock.instant()));
            jdbc.update("UPDATE slot_selections SET article_id = :a, score = :score, selected_at = :now "
                    + "WHERE issue_date = :d AND slot = :slot", p);
            jdbc.update("DELETE FROM prefilter_log WHERE issue_date = :d AND step = :sel AND article_id IN (:a, :old)",
                    new MapSqlParameterSource(p.getValues()).addValue("sel", SlotSelectionStep.ID).addValue("old", current.articleId()));
            log.pass(date, SlotSelectionStep.ID, id, "slot " + slot + ", chosen by " + who + " on the desk with score " + score);
            log.exclude(date, SlotSelectionStep.ID, current.articleId(), "replaced in slot " + slot + " by " + who);
            redecorate(date, slot, id);
        });
    }

    /** Decorates the slot's story again (and makes its image again). */
    public Slot regenerate(LocalDate date, int slot, String actor) {
        return change(date, slot, actor(actor), "regenerate", current -> redecorate(date, slot, current.articleId()));
    }

    /** Swaps the slot with the one above ("up") or below ("down"); returns the slot as it is in its new place. */
    public Slot move(LocalDate date, int slot, Object direction, String actor) {
        String who = actor(actor);
        if (!"up".equals(direction) && !"down".equals(direction)) {
            throw new ApiException(400, "'direction' must be \"up\" or \"down\"");
        }
        int other = "up".equals(direction) ? slot - 1 : slot + 1;
        synchronized (lock(date)) {
            refuseIfSent(date);
            Slot a = slot(date, slot);
            Slot b = slots(date).stream().filter(s -> s.slot() == other).findFirst().orElseThrow(() ->
                    new ApiException(409, "Slot " + slot + " is already the " + ("up".equals(direction) ? "first" : "last")));
            recordOriginal(date, a);
            recordOriginal(date, b);
            // through a slot number no row uses, so the primary keys never collide mid-swap
            for (String table : List.of("slot_selections", "decorations", "images")) {
                swap(table, date, slot, other);
            }
            version(date, slot(date, other), "move", who);
            version(date, slot(date, slot), "move", who);
            audit.record(who, "slot.move", date.toString(), "slot " + slot + " moved " + direction + " to " + other);
            recompile(date, who);
            return slot(date, other);
        }
    }

    private void swap(String table, LocalDate date, int a, int b) {
        MapSqlParameterSource p = new MapSqlParameterSource("d", date).addValue("a", a).addValue("b", b).addValue("tmp", -a);
        jdbc.update("UPDATE " + table + " SET slot = :tmp WHERE issue_date = :d AND slot = :a", p);
        jdbc.update("UPDATE " + table + " SET slot = :a WHERE issue_date = :d AND slot = :b", p);
        jdbc.update("UPDATE " + table + " SET slot = :b WHERE issue_date = :d AND slot = :tmp", p);
    }

    private boolean isCandidate(LocalDate date, long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT COUNT(*) > 0 FROM prefilter_log p JOIN scores s ON s.article_id = p.article_id "
                        + "WHERE p.issue_date = :d AND p.article_id = :a AND p.step = :pre AND p.decision = :pass "
                        + "AND p.article_id NOT IN (SELECT article_id FROM slot_selections WHERE issue_date = :d)",
                new MapSqlParameterSource("d", date).addValue("a", id).addValue("pre", PrefilterStep.ID)
                        .addValue("pass", PrefilterLog.PASS), Boolean.class));
    }

    private void redecorate(LocalDate date, int slot, long articleId) {
        try {
            decoration.decorateOne(date, slot, articleId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof aieditor.pipeline.JobStoppedException) {
                throw e;
            }
            // the model failed or answered badly: the slot keeps what it had, the editor is told why
            throw new ApiException(502, "Decorating slot " + slot + " failed: " + e.getMessage());
        }
        images.imageOne(date, slot);
    }

    private interface Change {
        void apply(Slot current);
    }

    private Slot change(LocalDate date, int slot, String who, String kind, Change change) {
        synchronized (lock(date)) {
            refuseIfSent(date);
            Slot current = slot(date, slot);
            change.apply(current);
            // a change that failed (a model that did not answer) leaves no trace in the history
            recordOriginal(date, current);
            Slot now = slot(date, slot);
            version(date, now, kind, who);
            audit.record(who, "slot." + kind, date.toString(), "slot " + slot + ": " + now.headline());
            recompile(date, who);
            return now;
        }
    }

    private Object lock(LocalDate date) {
        return locks.computeIfAbsent(date, d -> new Object());
    }

    /** An issue that went out, or whose send has begun, stays as it was sent. */
    void refuseIfSent(LocalDate date) {
        String status = issues.status(date).orElseThrow(() -> new ApiException(404, "No issue for " + date));
        if (status.equals(Issues.SENT) || sending.delivery(date).isPresent()) {
            throw new ApiException(409, "Issue " + date + " was already sent" + (status.equals(Issues.SENT) ? "" : " (its send has started)")
                    + ": it can no longer be changed");
        }
    }

    /** Version 1 of a slot is what the pipeline made, kept before the first change overwrites it. */
    private void recordOriginal(LocalDate date, Slot s) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM slot_versions WHERE issue_date = :d AND slot = :slot",
                Map.of("d", date, "slot", s.slot()), Integer.class);
        if (n == 0) {
            insertVersion(date, s, 1, "pipeline", s.provider() == null ? "pipeline" : "pipeline (" + s.provider() + ")",
                    s.decoratedAt() == null ? clock.instant() : s.decoratedAt());
        }
    }

    private void version(LocalDate date, Slot s, String kind, String who) {
        Integer last = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM slot_versions WHERE issue_date = :d AND slot = :slot",
                Map.of("d", date, "slot", s.slot()), Integer.class);
        try {
            insertVersion(date, s, last + 1, kind, who, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ApiException(409, "Slot " + s.slot() + " was changed by someone else at the same time; reload and try again");
        }
    }

    private void insertVersion(LocalDate date, Slot s, int version, String kind, String who, Instant at) {
        MapSqlParameterSource p = new MapSqlParameterSource("d", date).addValue("slot", s.slot()).addValue("v", version)
                .addValue("change", kind).addValue("a", s.articleId()).addValue("h", s.headline())
                .addValue("b", s.bullets() == null ? null : write(s.bullets())).addValue("actor", who)
                .addValue("at", Sql.ts(at));
        jdbc.update("INSERT INTO slot_versions (issue_date, slot, version, change, article_id, headline, bullets, actor, at) "
                + "VALUES (:d, :slot, :v, :change, :a, :h, :b, :actor, :at)", p);
    }

    /** The preview, and what will be sent, are compiled from the slots as they are now. */
    private void recompile(LocalDate date, String who) {
        try {
            compiler.compile(date, new StepResult(), StepLog.of(HtmlCompileStep.ID, null), who);
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    private static String actor(String actor) {
        String a = actor == null || actor.isBlank() ? "api" : actor.strip();
        return a.length() > ACTOR_MAX_CHARS ? a.substring(0, ACTOR_MAX_CHARS) : a;
    }

    private static String text(Object value, String field, int max) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new ApiException(400, "'" + field + "' must be a non-empty text");
        }
        String t = s.strip().replaceAll("\\s+", " ");
        if (t.length() > max) {
            throw new ApiException(400, "'" + field + "' is " + t.length() + " characters, over the limit of " + max);
        }
        return t;
    }

    private String write(List<String> bullets) {
        try {
            return json.writeValueAsString(bullets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> bullets(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, BULLETS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    public Optional<String> statusOf(LocalDate date) {
        return issues.status(date);
    }
}
