package aieditor.desk;

import aieditor.api.ApiException;
import aieditor.api.IssueApprovals;
import aieditor.api.IssueEditor;
import aieditor.api.JobsApi;
import aieditor.api.OpsApi;
import aieditor.pipeline.DeadLetters;
import aieditor.images.EmailImage;
import aieditor.images.ImagesStep;
import aieditor.mautic_send.MauticSendStep;
import aieditor.mautic_send.MessageImages;
import aieditor.model.WebLink;
import aieditor.pipeline.JobCancellation;
import aieditor.pipeline.JobStatus;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.Triggers;
import aieditor.store.Issues;
import aieditor.store.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static aieditor.desk.Template.Safe;
import static aieditor.desk.Template.each;
import static aieditor.desk.Template.render;

/** The desk's pages and actions, rendered from desk/templates with every value escaped. */
public final class DeskPages {
    private static final Pattern ISSUE = Pattern.compile("/desk/issues/(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern PREVIEW = Pattern.compile("/desk/issues/(\\d{4}-\\d{2}-\\d{2})/preview");
    private static final Pattern IMAGE = Pattern.compile("/desk/issues/(\\d{4}-\\d{2}-\\d{2})/images/(slot-[1-9][0-9]?\\.(?:png|jpg))");
    private static final Pattern SLOT_ACTION = Pattern.compile("/desk/issues/(\\d{4}-\\d{2}-\\d{2})/slots/(\\d{1,2})/(save|replace|regenerate|move-up|move-down)");
    private static final Pattern ISSUE_ACTION = Pattern.compile("/desk/issues/(\\d{4}-\\d{2}-\\d{2})/(approve|send-now)");
    private static final Pattern JOB_ACTION = Pattern.compile("/desk/jobs/([A-Za-z0-9-]{1,36})/(cancel|retry)");
    private static final Pattern REPLAY = Pattern.compile("/desk/dlq/(\\d{1,18})/replay");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the pages show and act through; {@code brand} is newsletter.title, {@code zone} the schedule's. */
    public record Services(IssueEditor editor, IssueApprovals approvals, Issues issues, MauticSendStep sending, JobsApi jobsApi,
                    JobStore jobStore, JobCancellation jobs, Triggers triggers, OpsApi opsApi, DeadLetters deadLetters,
                    ImagesStep images, NamedParameterJdbcTemplate jdbc, ObjectMapper json, String brand, ZoneId zone,
                    Clock clock) {
    }

    private final Services s;

    DeskPages(Services services) {
        this.s = services;
    }

    // ------------------------------------------------------------------ pages

    DeskHttp.Reply page(DeskHttp.Request r, DeskSessions.Session session) {
        String path = r.path();
        Matcher m;
        if (path.equals("/desk/")) {
            return DeskHttp.Reply.html(200, layout("Issues", session, issueList(), false));
        }
        if ((m = ISSUE.matcher(path)).matches()) {
            return DeskHttp.Reply.html(200, layout("Issue " + m.group(1), session, issue(date(m.group(1)), session), false));
        }
        if ((m = PREVIEW.matcher(path)).matches()) {
            LocalDate date = date(m.group(1));
            String html = preview(date);
            return new DeskHttp.Reply(200, "text/html; charset=utf-8", html.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new LinkedHashMap<>()).with("X-Desk-Preview", "yes");
        }
        if ((m = IMAGE.matcher(path)).matches()) {
            Path file = s.images().folder(date(m.group(1))).resolve(m.group(2));
            try {
                byte[] image = Files.readAllBytes(file);
                String type = EmailImage.contentType(image);
                return new DeskHttp.Reply(200, type == null ? "application/octet-stream" : type, image, new LinkedHashMap<>());
            } catch (IOException e) {
                throw new ApiException(404, "No such image");
            }
        }
        if (path.equals("/desk/jobs")) {
            return DeskHttp.Reply.html(200, layout("Runs and jobs", session, jobsPage(r.query(), session.csrf()), true));
        }
        if (path.equals("/desk/jobs/live")) {
            return DeskHttp.Reply.html(200, live(r.query(), session.csrf()));
        }
        throw new ApiException(404, "No such desk page: " + path);
    }

    /**
     * The HTML part of the message as it will be sent, images included. The message's own images are cid: parts,
     * which a browser cannot resolve: they are shown from the desk's image URL (same origin, behind the session),
     * hosted ones from their https URL as readers get them. When the message cannot be built the stored HTML is
     * shown, and the issue's status says why it cannot go out.
     */
    private String preview(LocalDate date) {
        String base = "/desk/issues/" + date + "/images/";
        return s.sending().preview(date).map(p -> p.message() == null ? s.issues().compiled(date).orElseThrow().html()
                        : p.message().htmlForBrowser(image -> base + image.file().getFileName()))
                .orElse("<!DOCTYPE html><html><body><p>Not compiled yet.</p></body></html>");
    }

    Safe signIn(String problem, String next, String name) {
        Safe body = render("sign-in", Map.of("problem", problem == null ? Safe.EMPTY
                        : render("alert", Map.of("message", problem)), "next", next, "name", name == null ? "" : name));
        return render("layout", Map.of("title", "Sign in", "brand", s.brand(), "csrf", "", "nav", Safe.EMPTY,
                "scripts", Safe.EMPTY, "body", body));
    }

    Safe problem(int status, String message) {
        Safe body = render("problem", Map.of("status", status, "message", message));
        return render("layout", Map.of("title", "Refused", "brand", s.brand(), "csrf", "", "nav", Safe.EMPTY,
                "scripts", Safe.EMPTY, "body", body));
    }

    private Safe layout(String title, DeskSessions.Session session, Safe body, boolean jobsScript) {
        Safe nav = render("nav", Map.of("actor", session.actor(), "csrf", session.csrf()));
        return render("layout", Map.of("title", title, "brand", s.brand(), "csrf", session.csrf(), "nav", nav,
                "scripts", new Safe("<script type=\"module\" src=\"/desk/static/desk.js\"></script>"), "body", body));
    }

    private Safe issueList() {
        List<Map<String, Object>> rows = s.jdbc().queryForList("SELECT i.issue_date, i.status, i.subject, "
                + "(SELECT COUNT(*) FROM decorations d WHERE d.issue_date = i.issue_date AND d.status = 'decorated') AS stories, "
                + "(SELECT SUM(u.cost_usd) FROM llm_usage u WHERE u.issue_date = i.issue_date) AS cost, "
                + "(SELECT COUNT(*) FROM llm_usage u WHERE u.issue_date = i.issue_date) AS calls "
                + "FROM issues i ORDER BY i.issue_date DESC LIMIT 100", Map.of());
        Safe items = each("issue-row", rows, row -> {
            Object cost = row.get("cost");
            long calls = ((Number) row.get("calls")).longValue();
            return Map.of("date", String.valueOf(row.get("issue_date")), "status", label(String.valueOf(row.get("status"))),
                    "statusClass", String.valueOf(row.get("status")), "subject", row.get("subject") == null ? "" : row.get("subject"),
                    "stories", row.get("stories"),
                    "cost", calls == 0 ? "-" : String.format("$%.4f", ((Number) cost).doubleValue()));
        });
        return render("issues", Map.of("rows", rows.isEmpty() ? render("no-issues", Map.of()) : items));
    }

    private Safe issue(LocalDate date, DeskSessions.Session session) {
        Map<String, Object> view = s.issues().view(date).orElseThrow(() -> new ApiException(404, "No issue for " + date));
        String status = (String) view.get("status");
        boolean locked = status.equals(Issues.SENT) || s.sending().delivery(date).isPresent();
        List<IssueEditor.Slot> slots = s.editor().slots(date);
        List<IssueEditor.Candidate> candidates = locked ? List.of() : s.editor().candidates(date);
        String d = date.toString();
        List<Safe> slotHtml = new ArrayList<>();
        for (IssueEditor.Slot slot : slots) {
            slotHtml.add(slot(d, slot, slots.size(), candidates, session, locked));
        }
        List<IssueEditor.Version> versions = s.editor().history(date);
        Safe history = each("version", versions, v -> Map.of("slot", v.slot(), "version", v.version(),
                "change", v.change(), "actor", v.actor(), "at", v.at().toString(), "atText", time(v.at()),
                "headline", v.headline() == null ? "(no headline)" : v.headline()));
        return render("issue", Map.of("date", d, "status", status(date, view, session, locked),
                "slots", slotHtml.isEmpty() ? render("empty", Map.of("message", "No slots selected yet.")) : Safe.join(slotHtml),
                "history", versions.isEmpty()
                        ? render("empty", Map.of("message", "No changes yet: every slot is as the pipeline made it."))
                        : render("history-list", Map.of("items", history)),
                "previewSrc", "/desk/issues/" + d + "/preview"));
    }

    private Safe status(LocalDate date, Map<String, Object> view, DeskSessions.Session session, boolean locked) {
        String status = (String) view.get("status");
        String approvedBy = (String) view.get("approved_by");
        Instant approvedAt = (Instant) view.get("approved_at");
        boolean approved = approvedBy != null && (status.equals(Issues.APPROVED) || status.equals(Issues.SENT));
        Map<String, Object> delivery = s.sending().delivery(date).orElse(null);
        Map<String, Object> values = new HashMap<>();
        values.put("label", label(status));
        values.put("statusClass", status);
        values.put("subject", view.get("subject") == null ? "" : view.get("subject"));
        values.put("approval", approved
                ? render("approved", Map.of("by", approvedBy, "at", approvedAt == null ? "" : approvedAt.toString(),
                "atText", approvedAt == null ? "" : time(approvedAt)))
                : status.equals(Issues.APPROVED) ? render("empty-inline", Map.of("message", "Approved automatically")) : Safe.EMPTY);
        values.put("delivery", delivery == null ? Safe.EMPTY : render("delivery", Map.of("status", String.valueOf(delivery.get("status")),
                "location", delivery.get("location") == null ? "" : String.valueOf(delivery.get("location")))));
        values.put("locked", locked ? render("locked", Map.of()) : Safe.EMPTY);
        values.put("message", s.sending().preview(date).map(p -> p.message() == null
                ? render("alert", Map.of("message", "This issue cannot be sent as it is: " + p.problem()))
                : render("message", Map.of("channel", p.channel(), "bytes", p.message().bytes(),
                "images", MessageImages.describe(p.message().images())))).orElse(Safe.EMPTY));
        String d = date.toString();
        values.put("approve", status.equals(Issues.AWAITING_APPROVAL)
                ? render("action", Map.of("action", "/desk/issues/" + d + "/approve", "csrf", session.csrf(),
                "label", "Approve", "id", "approve", "cls", "primary", "disabled", Safe.EMPTY)) : Safe.EMPTY);
        values.put("sendNow", !locked && (status.equals(Issues.AWAITING_APPROVAL) || status.equals(Issues.APPROVED))
                ? render("action", Map.of("action", "/desk/issues/" + d + "/send-now", "csrf", session.csrf(),
                "label", "Send now", "id", "send-now", "cls", "", "disabled", Safe.EMPTY)) : Safe.EMPTY);
        return render("issue-status", values);
    }

    private Safe slot(String d, IssueEditor.Slot slot, int count, List<IssueEditor.Candidate> candidates,
                      DeskSessions.Session session, boolean locked) {
        int n = slot.slot();
        List<String> b = slot.bullets() == null ? List.of("", "", "") : slot.bullets();
        Safe disabled = locked ? new Safe(" disabled") : Safe.EMPTY;
        String base = "/desk/issues/" + d + "/slots/" + n + "/";
        Map<String, Object> v = new HashMap<>();
        v.put("n", n);
        v.put("date", d);
        v.put("csrf", session.csrf());
        v.put("source", slot.source());
        v.put("title", slot.title());
        v.put("url", safeUrl(slot.url()));
        v.put("score", slot.score() == null ? "-" : String.format("%.1f", slot.score()));
        v.put("rationale", slot.rationale() == null ? "no rationale recorded" : slot.rationale());
        v.put("why", slot.whyChosen());
        v.put("decoration", decorationNote(slot));
        v.put("headline", slot.headline() == null ? "" : slot.headline());
        v.put("max", s.editor().settings().headlineMaxChars());
        v.put("b1", b.size() > 0 ? b.get(0) : "");
        v.put("b2", b.size() > 1 ? b.get(1) : "");
        v.put("b3", b.size() > 2 ? b.get(2) : "");
        v.put("bmax", IssueEditor.BULLET_MAX_CHARS);
        v.put("disabled", disabled);
        v.put("base", base);
        v.put("upDisabled", locked || n == 1 ? new Safe(" disabled") : Safe.EMPTY);
        v.put("downDisabled", locked || n == count ? new Safe(" disabled") : Safe.EMPTY);
        v.put("replace", locked ? Safe.EMPTY : render("replace", Map.of("n", n, "items", candidates.isEmpty()
                ? render("empty", Map.of("message", "No other story passed prefilter for this issue."))
                : render("candidate-list", Map.of("items", each("candidate", candidates, c -> Map.of("n", n, "id", c.articleId(),
                "title", c.title(), "source", c.source(), "url", safeUrl(c.url()), "score", String.format("%.1f", c.score()),
                "rationale", c.rationale() == null ? "no rationale recorded" : c.rationale(), "why", c.whyNotChosen(),
                "action", base + "replace", "csrf", session.csrf())))))));
        return render("slot", v);
    }

    private static String decorationNote(IssueEditor.Slot slot) {
        if (!"decorated".equals(slot.status())) {
            return slot.status() + (slot.error() == null ? "" : ": " + slot.error());
        }
        if ("editor".equals(slot.provider())) {
            return "written by an editor";
        }
        return "by " + (slot.provider() == null ? "the pipeline" : slot.provider() + (slot.model() == null ? "" : " " + slot.model()));
    }

    private Safe jobsPage(Map<String, String> query, String csrf) {
        String step = query.getOrDefault("step", "");
        String status = query.getOrDefault("status", "");
        Safe steps = Safe.join(s.triggers().steps().ids().stream().map(id -> option(id, step)).toList());
        Safe statuses = Safe.join(Arrays.stream(JobStatus.values()).map(st -> option(st.id(), status)).toList());
        return render("jobs", Map.of("steps", steps, "statuses", statuses,
                "liveSrc", "/desk/jobs/live?step=" + enc(step) + "&status=" + enc(status), "live", live(query, csrf)));
    }

    private static Safe option(String value, String selected) {
        return render("option", Map.of("value", value, "selected", value.equals(selected) ? new Safe(" selected") : Safe.EMPTY));
    }

    @SuppressWarnings("unchecked")
    private Safe live(Map<String, String> query, String csrf) {
        String step = blankToNull(query.get("step"));
        String status = blankToNull(query.get("status"));
        if (step != null && s.triggers().steps().byId(step).isEmpty()) {
            throw new ApiException(400, "Unknown step '" + step + "'");
        }
        if (status != null && Arrays.stream(JobStatus.values()).noneMatch(x -> x.id().equals(status))) {
            throw new ApiException(400, "Unknown status '" + status + "'");
        }
        Map<String, Object> queue;
        try {
            queue = s.jobsApi().queueView(aieditor.api.JobsApi.WAITING_SHOWN);
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Long> depths = (Map<String, Long>) queue.get("queued");
        Safe depthHtml = each("depth", new ArrayList<>(depths.entrySet()), e -> Map.of("queue", e.getKey(), "n", e.getValue()));
        List<Map<String, Object>> waiting = (List<Map<String, Object>>) queue.get("waiting");
        List<Map<String, Object>> running = (List<Map<String, Object>>) queue.get("running");
        Safe waitingHtml = each("waiting-row", waiting, w -> Map.of("job", shortId((String) w.get("job_id")), "jobId", w.get("job_id"),
                "step", w.get("step"), "queue", w.get("queue"), "position", w.get("position") == null ? "-" : w.get("position"),
                "reason", w.get("reason")));
        Safe runningHtml = each("running-row", running, j -> Map.of("job", shortId((String) j.get("job_id")), "step", j.get("step"),
                "issue", j.get("issue_date"), "progress", j.get("progress") == null ? "started" : j.get("progress"),
                "since", j.get("started_at") == null ? "" : time((Instant) j.get("started_at")),
                "cancel", jobButton((String) j.get("job_id"), "cancel", "Cancel", csrf, "running-")));
        List<JobStore.Job> recent = s.jobStore().list(step, status, 30, 0);
        Safe recentHtml = each("job-row", recent, j -> Map.of("job", shortId(j.id()), "step", j.step(), "issue", j.issueDate().toString(),
                "status", j.status().id(), "attempt", j.attempt() + "/" + j.maxAttempts(), "trigger", j.trigger(),
                "created", time(j.createdAt()), "duration", duration(j.startedAt(), j.finishedAt()),
                "detail", j.error() != null ? j.error() : j.progress() != null && j.status() == JobStatus.RUNNING ? j.progress() : summary(j.result()),
                "actions", actions(j, csrf)));
        List<DeadLetters.Row> dead = s.deadLetters().list(20, 0);
        Safe deadHtml = each("dead-row", dead, x -> Map.of("id", x.id(), "step", x.step() == null ? "-" : x.step(),
                "issue", x.issueDate() == null ? "-" : x.issueDate().toString(), "slot", x.slot() == null ? "-" : x.slot(),
                "error", x.errorMessage() == null ? "-" : x.errorMessage(), "failed", time(x.failedAt()),
                "action", x.resolvedAt() != null ? render("empty-inline", Map.of("message", "fixed by job " + shortId(x.resolvedByJob())))
                        : x.replayedAt() != null ? render("empty-inline", Map.of("message", "replayed by job " + shortId(x.replayJobId())))
                        : render("action", Map.of("action", "/desk/dlq/" + x.id() + "/replay", "csrf", csrf,
                        "label", "Replay", "id", "replay-" + x.id(), "cls", "", "disabled", Safe.EMPTY))));
        return render("jobs-live", Map.of("depths", depthHtml,
                "waiting", waiting.isEmpty() ? render("empty", Map.of("message", "No job is waiting.")) : render("waiting-table", Map.of("rows", waitingHtml)),
                "running", running.isEmpty() ? render("empty", Map.of("message", "No job is running.")) : render("running-table", Map.of("rows", runningHtml)),
                "recent", recent.isEmpty() ? render("empty", Map.of("message", "No job matches.")) : render("job-table", Map.of("rows", recentHtml)),
                "runs", runs(),
                "dead", dead.isEmpty() ? render("empty", Map.of("message", "No dead letters.")) : render("dead-table", Map.of("rows", deadHtml)),
                "updated", time(s.clock().instant())));
    }

    private Safe actions(JobStore.Job j, String csrf) {
        boolean finished = j.status() == JobStatus.COMPLETED || j.status() == JobStatus.FAILED || j.status() == JobStatus.DEAD
                || j.status() == JobStatus.CANCELLED;
        if (!finished) {
            return jobButton(j.id(), "cancel", "Cancel", csrf, "");
        }
        return j.status() == JobStatus.COMPLETED ? Safe.EMPTY : jobButton(j.id(), "retry", "Retry", csrf, "");
    }

    private static Safe jobButton(String jobId, String action, String label, String csrf, String idPrefix) {
        return render("action", Map.of("action", "/desk/jobs/" + jobId + "/" + action, "csrf", csrf, "label", label,
                "id", idPrefix + action + "-" + jobId, "cls", "small", "disabled", Safe.EMPTY));
    }

    /** The latest pipeline runs, each a timeline of its steps: start, duration, result, error. */
    private Safe runs() {
        List<String> chains = s.jdbc().queryForList("SELECT chain_id FROM jobs WHERE chain_id IS NOT NULL GROUP BY chain_id "
                + "ORDER BY MAX(created_at) DESC LIMIT 5", Map.of(), String.class);
        if (chains.isEmpty()) {
            return render("empty", Map.of("message", "No pipeline run yet."));
        }
        List<Safe> out = new ArrayList<>();
        for (String chain : chains) {
            List<Map<String, Object>> steps = s.jdbc().query("SELECT id, step, status, issue_date, started_at, finished_at, created_at, error, result "
                    + "FROM jobs WHERE chain_id = :c ORDER BY created_at", Map.of("c", chain), (rs, i) -> {
                Map<String, Object> m = new HashMap<>();
                m.put("id", rs.getString("id"));
                m.put("step", rs.getString("step"));
                m.put("status", rs.getString("status"));
                m.put("issue", String.valueOf(Sql.date(rs, "issue_date")));
                m.put("started", Sql.instant(rs, "started_at"));
                m.put("finished", Sql.instant(rs, "finished_at"));
                m.put("created", Sql.instant(rs, "created_at"));
                m.put("error", rs.getString("error"));
                m.put("result", rs.getString("result"));
                return m;
            });
            Instant t0 = steps.stream().map(m -> (Instant) m.get("started")).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                    .orElse((Instant) steps.get(0).get("created"));
            Instant t1 = steps.stream().map(m -> m.get("finished") != null ? (Instant) m.get("finished") : s.clock().instant())
                    .max(Instant::compareTo).orElse(t0);
            double span = Math.max(1, Duration.between(t0, t1).toMillis());
            Safe rows = each("run-step", steps, m -> {
                Instant st = (Instant) m.get("started");
                Instant fin = (Instant) m.get("finished");
                double x = st == null ? 0 : Duration.between(t0, st).toMillis() / span * 100;
                double w = st == null ? 0 : Math.max(0.8, Duration.between(st, fin == null ? s.clock().instant() : fin).toMillis() / span * 100);
                return Map.of("step", m.get("step"), "status", m.get("status"),
                        "start", st == null ? "not started" : time(st), "duration", duration(st, fin),
                        "result", m.get("error") != null ? m.get("error") : summary((String) m.get("result")),
                        "x", String.format(java.util.Locale.ROOT, "%.2f", Math.min(99.2, x)),
                        "w", String.format(java.util.Locale.ROOT, "%.2f", Math.min(100 - Math.min(99.2, x), w)));
            });
            out.add(render("run", Map.of("chain", shortId(chain), "issue", steps.get(0).get("issue"), "started", time(t0),
                    "steps", rows)));
        }
        return Safe.join(out);
    }

    // ------------------------------------------------------------------ actions

    DeskHttp.Reply act(DeskHttp.Request r, DeskSessions.Session session) {
        String path = r.path();
        Map<String, String> f = r.form();
        String actor = session.actor();
        Matcher m;
        String message;
        String back;
        if ((m = SLOT_ACTION.matcher(path)).matches()) {
            LocalDate date = date(m.group(1));
            int n = Integer.parseInt(m.group(2));
            back = "/desk/issues/" + date;
            IssueEditor.Slot slot = switch (m.group(3)) {
                case "save" -> s.editor().edit(date, n, f.get("headline"),
                        Arrays.asList(f.get("bullet1"), f.get("bullet2"), f.get("bullet3")), actor);
                case "replace" -> s.editor().replace(date, n, articleId(f.get("article_id")), actor);
                case "regenerate" -> s.editor().regenerate(date, n, actor);
                case "move-up" -> s.editor().move(date, n, "up", actor);
                default -> s.editor().move(date, n, "down", actor);
            };
            message = switch (m.group(3)) {
                case "save" -> "Slot " + n + " saved.";
                case "replace" -> "Slot " + n + " now has \u201c" + slot.title() + "\u201d, decorated.";
                case "regenerate" -> "Slot " + n + " decorated again.";
                default -> "Moved to slot " + slot.slot() + ".";
            } + " The preview is updated.";
        } else if ((m = ISSUE_ACTION.matcher(path)).matches()) {
            LocalDate date = date(m.group(1));
            back = "/desk/issues/" + date;
            boolean awaiting = s.issues().status(date).filter(Issues.AWAITING_APPROVAL::equals).isPresent();
            Map<String, Object> out = m.group(2).equals("approve")
                    ? s.approvals().approve(date, actor, false) : s.approvals().sendNow(date, actor);
            message = (awaiting ? "Approved by " + actor + "; " : "")
                    + ("now".equals(out.get("send")) ? "it is being sent now." : "it goes out at " + out.get("send_at") + ".");
        } else if ((m = JOB_ACTION.matcher(path)).matches()) {
            back = "/desk/jobs";
            String jobId = m.group(1);
            if (m.group(2).equals("cancel")) {
                message = switch (s.jobs().cancel(jobId, actor)) {
                    case NOT_FOUND -> throw new ApiException(404, "No job " + jobId);
                    case ALREADY_FINISHED -> throw new ApiException(409, "Job " + shortId(jobId) + " already finished");
                    case CANCELLED -> "Job " + shortId(jobId) + " cancelled.";
                    case STOPPING -> "Job " + shortId(jobId) + " stops at its next safe point.";
                };
            } else {
                JobStore.Job job = s.jobStore().find(jobId).orElseThrow(() -> new ApiException(404, "No job " + jobId));
                if (job.status() != JobStatus.FAILED && job.status() != JobStatus.DEAD && job.status() != JobStatus.CANCELLED) {
                    throw new ApiException(409, "Job " + shortId(jobId) + " is " + job.status().id() + "; only a failed, dead or cancelled job can be retried");
                }
                String again = s.triggers().step(job.step(), job.issueDate(), params(job.params()), "desk-retry");
                message = "Job " + shortId(jobId) + " retried as job " + shortId(again) + ".";
            }
        } else if ((m = REPLAY.matcher(path)).matches()) {
            back = "/desk/jobs";
            Map<String, Object> out = s.opsApi().replay(Long.parseLong(m.group(1)), true);
            message = "Dead letter " + m.group(1) + " replayed as job " + shortId((String) out.get("job_id")) + ".";
        } else {
            throw new ApiException(404, "No such desk action: " + path);
        }
        if (r.wantsJson()) {
            return DeskHttp.Reply.json(200, "{\"message\": " + DeskHttp.jsonString(message) + "}");
        }
        return DeskHttp.Reply.redirect(back);
    }

    private Map<String, Object> params(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = s.json().readValue(json, Map.class);
            p.remove("date");
            return p;
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static Object articleId(String raw) {
        try {
            return raw == null ? null : Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'article_id' must be a whole number, got '" + raw + "'");
        }
    }

    // ------------------------------------------------------------------ small things

    private static LocalDate date(String raw) {
        try {
            return aieditor.pipeline.IssueDates.parse(raw, "date");
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    /** Only web links reach an href: a javascript: or data: URL from a feed would run in the desk. */
    static String safeUrl(String url) {
        String link = WebLink.clean(url);
        return link == null ? "#" : link;
    }

    private static String label(String status) {
        return status.replace('_', ' ');
    }

    private String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(s.zone()));
    }

    private String duration(Instant from, Instant to) {
        if (from == null) {
            return "-";
        }
        long ms = Duration.between(from, to == null ? s.clock().instant() : to).toMillis();
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) + (to == null ? " so far" : "");
    }

    private String summary(String result) {
        if (result == null) {
            return "";
        }
        try {
            return s.json().readTree(result).path("summary").asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
