package aieditor.api;

import aieditor.pipeline.JobCancellation;
import aieditor.pipeline.JobStatus;
import aieditor.pipeline.JobStore;
import aieditor.pipeline.MissedFires;
import aieditor.pipeline.NextFires;
import aieditor.pipeline.ScheduleSettings;
import aieditor.pipeline.Step;
import aieditor.pipeline.Triggers;
import aieditor.pipeline.UnknownStepException;
import aieditor.pipeline.WaitingReasons;
import aieditor.store.Issues;
import org.apache.camel.Exchange;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The /jobs endpoints: trigger a step or the pipeline, read a job, the queues, cancel. */
public final class JobsApi {
    private final ApiSupport api;
    private final Triggers triggers;
    private final JobCancellation jobs;
    private final JobStore store;
    private final ScheduleSettings schedule;
    private final MissedFires missedFires;
    private final NextFires nextFires;
    /** Jobs not started yet that GET /jobs/queue explains unless asked for another number. */
    public static final int WAITING_SHOWN = 50;
    private final WaitingReasons waitingReasons;
    private final Issues issues;
    private final Clock clock;

    public JobsApi(ApiSupport api, Triggers triggers, JobCancellation jobs, JobStore store, ScheduleSettings schedule,
                   MissedFires missedFires, NextFires nextFires, WaitingReasons waitingReasons, Issues issues, Clock clock) {
        this.clock = clock;
        this.waitingReasons = waitingReasons;
        this.issues = issues;
        this.api = api;
        this.triggers = triggers;
        this.jobs = jobs;
        this.store = store;
        this.schedule = schedule;
        this.missedFires = missedFires;
        this.nextFires = nextFires;
    }

    /** POST /jobs/{step}: body = params; an optional "date" picks the issue (default today, UTC). */
    public void trigger(Exchange exchange) {
        api.respond(exchange, 202, () -> {
            String step = exchange.getMessage().getHeader("step", String.class);
            // told here, before the trigger's route, which would log an unknown step as a failed delivery
            Step known = triggers.steps().byId(step).orElseThrow(() ->
                    new ApiException(404, new UnknownStepException(step, triggers.steps().ids()).getMessage()));
            Map<String, Object> params = api.body(exchange);
            LocalDate date = issueDate(params);
            String jobId = triggers.step(step, date, params, "api");
            return Map.of("job_id", jobId, "step", step, "queue", known.queue().id(),
                    "issue_date", date.toString(), "status", "queued");
        });
    }

    /** POST /jobs/pipeline: the whole chain for an issue date. */
    public void pipeline(Exchange exchange) {
        api.respond(exchange, 202, () -> {
            Map<String, Object> params = api.body(exchange);
            Triggers.Chain chain = triggers.pipeline(issueDate(params), params, "api");
            return Map.of("chain_id", chain.chainId(), "job_id", chain.firstJobId(), "step", triggers.steps().first().id(),
                    "status", "queued");
        });
    }

    /** GET /jobs/status/{job_id}: the job, and why it waits while it has not started. */
    public void status(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            JobStore.Job job = find(exchange.getMessage().getHeader("job_id", String.class));
            Map<String, Object> view = view(job);
            boolean notStarted = job.status() == JobStatus.QUEUED || job.status() == JobStatus.RETRYING
                    || job.status() == JobStatus.SCHEDULED;
            // its reason depends on every job ahead of it and on the running ones, so it is worked out for all
            view.put("waiting", notStarted ? waiting().stream().filter(w -> w.jobId().equals(job.id())).findFirst()
                    .map(JobsApi::view).orElse(null) : null);
            return view;
        });
    }

    /** GET /jobs?step=&status=&page=&size= */
    public void list(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            String step = exchange.getMessage().getHeader("step", String.class);
            String status = exchange.getMessage().getHeader("status", String.class);
            if (step != null && triggers.steps().byId(step).isEmpty()) {
                throw new ApiException(400, new UnknownStepException(step, triggers.steps().ids()).getMessage());
            }
            if (status != null && java.util.Arrays.stream(JobStatus.values()).noneMatch(s -> s.id().equals(status))) {
                throw new ApiException(400, "Unknown status '" + status + "'; valid: " + java.util.Arrays.stream(JobStatus.values()).map(JobStatus::id).toList());
            }
            int page = ApiSupport.intParam(exchange, "page", 1, 1, 1_000_000);
            int size = ApiSupport.intParam(exchange, "size", 50, 1, 500);
            List<Map<String, Object>> items = store.list(step, status, size, (page - 1) * size).stream().map(JobsApi::view).toList();
            return Map.of("items", items, "page", page, "size", size, "total", store.count(step, status));
        });
    }

    /**
     * GET /jobs/queue: depth per queue, running, retrying and scheduled jobs, why each job not started yet waits, next
     * scheduled fire times, the misfire policy and missed fires.
     */
    public void queue(Exchange exchange) {
        api.respond(exchange, 200, () -> queueView(ApiSupport.intParam(exchange, "waiting", WAITING_SHOWN, 0, 1000)));
    }

    /**
     * What GET /jobs/queue answers, for the editor's desk too, explaining the first {@code shown} jobs that wait: a
     * dashboard polling it during a backlog of thousands of jobs must not get (and make) megabytes each time.
     */
    public Map<String, Object> queueView(int shown) throws org.quartz.SchedulerException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queued", store.queuedPerQueue());
        out.put("running", store.withStatus(JobStatus.RUNNING).stream().map(JobsApi::view).toList());
        out.put("retrying", store.withStatus(JobStatus.RETRYING).stream().map(JobsApi::view).toList());
        out.put("scheduled", store.withStatus(JobStatus.SCHEDULED).stream().map(JobsApi::view).toList());
        List<WaitingReasons.Waiting> waiting = waiting();
        out.put("waiting", waiting.stream().limit(shown).map(JobsApi::view).toList());
        out.put("waiting_total", waiting.size());
        out.put("next_fires", nextFires.list());
        out.put("schedule", schedule());
        return out;
    }

    /** POST /jobs/{job_id}/cancel */
    public void cancel(Exchange exchange) {
        api.respond(exchange, 200, () -> {
            String jobId = exchange.getMessage().getHeader("job_id", String.class);
            JobCancellation.CancelOutcome outcome = jobs.cancel(jobId, "api");
            return switch (outcome) {
                case NOT_FOUND -> throw new ApiException(404, "No job " + jobId);
                case ALREADY_FINISHED -> throw new ApiException(409, "Job " + jobId + " already finished: " + find(jobId).status().id());
                case CANCELLED -> Map.of("job_id", jobId, "status", "cancelled");
                case STOPPING -> Map.of("job_id", jobId, "status", "running", "cancel", "requested; stops at its next safe point");
            };
        });
    }

    /** POST /jobs/cancel-all */
    public void cancelAll(Exchange exchange) {
        api.respond(exchange, 200, () -> Map.of("cancelled", jobs.cancelAll("api")));
    }

    private JobStore.Job find(String jobId) {
        return store.find(jobId).orElseThrow(() -> new ApiException(404, "No job " + jobId));
    }

    private LocalDate issueDate(Map<String, Object> params) {
        Object date = params.get("date");
        return date == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : ApiSupport.date(date, "date");
    }

    static Map<String, Object> view(JobStore.Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.id());
        m.put("step", j.step());
        m.put("queue", j.queue());
        m.put("status", j.status().id());
        m.put("issue_date", j.issueDate().toString());
        m.put("chain_id", j.chainId());
        m.put("trigger", j.trigger());
        m.put("attempt", j.attempt());
        m.put("max_attempts", j.maxAttempts());
        m.put("redeliveries", j.redeliveries());
        m.put("max_redeliveries", j.maxRedeliveries());
        m.put("progress", j.progress());
        m.put("result", j.result() == null ? null : new RawJson(j.result()));
        m.put("error", j.error());
        m.put("worker", j.worker());
        m.put("created_at", j.createdAt());
        m.put("started_at", j.startedAt());
        m.put("finished_at", j.finishedAt());
        m.put("next_attempt_at", j.nextAttemptAt());
        m.put("heartbeat_at", j.heartbeatAt());
        m.put("cancel_requested_at", j.cancelRequestedAt());
        return m;
    }

    /** Why each job that has not started waits, most urgent first (see WaitingReasons). */
    private List<WaitingReasons.Waiting> waiting() {
        return waitingReasons.explain(store.withStatus(JobStatus.QUEUED, JobStatus.RETRYING, JobStatus.SCHEDULED),
                store.withStatus(JobStatus.RUNNING), issues.awaitingApproval());
    }

    private static Map<String, Object> view(WaitingReasons.Waiting w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", w.jobId());
        m.put("step", w.step());
        m.put("queue", w.queue());
        m.put("position", w.position());
        m.put("reason", w.reason());
        return m;
    }

    /** The schedule's misfire policy and the fires that never ran (see MissedFires). */
    private Map<String, Object> schedule() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("misfire_policy", ScheduleSettings.MISFIRE_POLICY);
        m.put("misfire_threshold_seconds", schedule.misfireThreshold().toSeconds());
        m.put("missed_fires", missedFires.recent().stream()
                .map(f -> Map.of("step", f.step(), "fire_time", f.fireTime())).toList());
        return m;
    }
}
