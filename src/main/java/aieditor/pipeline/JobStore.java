package aieditor.pipeline;

import aieditor.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;

/**
 * The jobs table. Every status change is a compare-and-set guarded by {@link JobStatus}: it only happens from a
 * state that allows it, so two workers, a watchdog and an operator can race without corrupting a job.
 */
public final class JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

    /**
     * @param attempt       failed attempts so far plus the one running; a redelivery after a lost worker does not count
     * @param redeliveries  how often the job was taken over because its worker vanished, within maxRedeliveries
     * @param heartbeatAt   last sign of life of the process holding the job (see {@link JobRecovery})
     * @param queuedAt      when the job last became queued
     */
    public record Job(String id, String step, String queue, JobStatus status, LocalDate issueDate, String chainId,
                      String trigger, String params, int attempt, int maxAttempts, String progress, String result,
                      String error, String worker, Instant createdAt, Instant startedAt, Instant finishedAt,
                      Instant nextAttemptAt, int redeliveries, int maxRedeliveries, Instant heartbeatAt,
                      Instant queuedAt, Instant cancelRequestedAt) {
    }

    /**
     * One run of a job: the worker that started it and the job's attempt and redelivery counts then. A retry adds
     * an attempt and a takeover a redelivery, so a later run of the same job never matches an earlier one - the
     * moves a run makes from running are fenced by it, and a worker that stalled and came back cannot end a run
     * another worker has taken over.
     */
    public record Run(String jobId, String worker, int attempt, int redeliveries) {
        /**
         * The job's record names a later run: taken over or queued again by another process. (A record this run
         * ended itself - completed, failed - still names it.)
         */
        boolean isSupersededIn(Job job) {
            return !worker.equals(job.worker()) || attempt != job.attempt() || redeliveries != job.redeliveries();
        }
    }

    private static final RowMapper<Job> MAPPER = (rs, i) -> new Job(rs.getString("id"), rs.getString("step"),
            rs.getString("queue"), JobStatus.of(rs.getString("status")), Sql.date(rs, "issue_date"),
            rs.getString("chain_id"), rs.getString("trigger_kind"), rs.getString("params"), rs.getInt("attempt"),
            rs.getInt("max_attempts"), rs.getString("progress"), rs.getString("result"), rs.getString("error"),
            rs.getString("worker"), Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"),
            Sql.instant(rs, "finished_at"), Sql.instant(rs, "next_attempt_at"), rs.getInt("redeliveries"),
            rs.getInt("max_redeliveries"), Sql.instant(rs, "heartbeat_at"), Sql.instant(rs, "queued_at"),
            Sql.instant(rs, "cancel_requested_at"));

    /** For each state, the ids of the states a job may reach it from. */
    private static final Map<JobStatus, List<String>> SOURCES = new java.util.EnumMap<>(JobStatus.class);

    static {
        for (JobStatus to : JobStatus.values()) {
            SOURCES.put(to, JobStatus.sourcesOf(to).stream().map(JobStatus::id).toList());
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    /** This process as the holder of the jobs waiting in its in-memory queue: new at every start, even for pid 1. */
    private final String holder = UUID.randomUUID().toString();
    /** How this process is named on the jobs it runs and in job_holders: pid@host. */
    private final String processName = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    private final java.time.Clock clock;

    public JobStore(NamedParameterJdbcTemplate jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String processName() {
        return processName;
    }

    /** A new job: queued, or scheduled until {@code next} (then {@code queuedAt} is null). */
    void insert(MapSqlParameterSource p) {
        jdbc.update("INSERT INTO jobs (id, step, queue, status, issue_date, chain_id, trigger_kind, params, attempt, "
                + "max_attempts, max_redeliveries, created_at, queued_at, heartbeat_at, fire_time, next_attempt_at, held_by) VALUES "
                + "(:id, :step, :queue, :status, :date, :chain, :trigger, :params, 0, :max, :maxRedeliveries, :now, :queuedAt, "
                + ":now, :fire, :next, :holder)", p.addValue("holder", holder));
    }

    /**
     * Moves the job to {@code to} and sets the given columns, if its current state allows the move.
     * Returns false (and says why in the log) when it does not.
     */
    boolean transition(String jobId, JobStatus to, Map<String, Object> columns) {
        return update(jobId, to, columns, new MapSqlParameterSource().addValue("from", SOURCES.get(to)), "");
    }

    /**
     * Moves the job from running to {@code to}, as {@link #transition}, if it is still in the given run: one taken
     * over meanwhile (by another worker, or queued again) is not this run's to end.
     */
    boolean transition(Run run, JobStatus to, Map<String, Object> columns) {
        return update(run.jobId(), to, columns, new MapSqlParameterSource().addValue("from", List.of(JobStatus.RUNNING.id()))
                .addValue("runWorker", run.worker()).addValue("runAttempt", run.attempt())
                .addValue("runRedeliveries", run.redeliveries()),
                " AND worker = :runWorker AND attempt = :runAttempt AND redeliveries = :runRedeliveries");
    }

    /** Moves a job this process runs, fenced by its run here; one it does not run (none given), unfenced. */
    boolean transition(Optional<Run> run, String jobId, JobStatus to, Map<String, Object> columns) {
        return run.map(r -> transition(r, to, columns)).orElseGet(() -> transition(jobId, to, columns));
    }

    private boolean update(String jobId, JobStatus to, Map<String, Object> columns, MapSqlParameterSource p, String fence) {
        p.addValues(columns).addValue("id", jobId).addValue("to", to.id());
        StringBuilder set = new StringBuilder("status = :to");
        columns.keySet().forEach(c -> set.append(", ").append(c).append(" = :").append(c));
        if (to == JobStatus.QUEUED && !columns.containsKey("queued_at")) {
            set.append(", queued_at = :queuedNow");
            p.addValue("queuedNow", Sql.ts(clock.instant()));
        }
        if (to == JobStatus.QUEUED) {
            set.append(", held_by = :holder"); // this process hands it to the queue: it holds it from here
            p.addValue("holder", holder);
        }
        if (to.isFinal() || to == JobStatus.RUNNING) {
            set.append(", next_attempt_at = NULL"); // nothing is due any more; an old retry time would only mislead
        }
        int updated = jdbc.update("UPDATE jobs SET " + set + " WHERE id = :id AND status IN (:from)" + fence, p);
        if (updated == 0) {
            String current = find(jobId).map(j -> j.status().id() + (j.worker() == null ? "" : " (on " + j.worker()
                    + ", attempt " + j.attempt() + ", redeliveries " + j.redeliveries() + ")")).orElse("missing");
            LOG.info("Job {} stays {}: a move to {} is not allowed from there{}.", jobId, current, to.id(),
                    fence.isEmpty() ? "" : " by this run of it");
        }
        return updated == 1;
    }

    /**
     * A worker takes the queued job: running, on this worker, one more attempt - if it is still queued. False when it
     * is no longer queued (cancelled, or taken by another worker).
     */
    Optional<Run> start(String jobId, Instant now, String worker) {
        int started = jdbc.update("UPDATE jobs SET status = 'running', started_at = :now, heartbeat_at = :now, worker = :worker, "
                + "attempt = attempt + 1, next_attempt_at = NULL WHERE id = :id AND status IN (:from) "
                + "AND cancel_requested_at IS NULL", new MapSqlParameterSource()
                .addValue("id", jobId).addValue("now", Sql.ts(now)).addValue("worker", worker)
                .addValue("from", SOURCES.get(JobStatus.RUNNING)));
        return started == 0 ? Optional.empty() : find(jobId).map(j -> new Run(jobId, worker, j.attempt(), j.redeliveries()));
    }

    /** Of the given runs of this process, those whose job another process has since taken over or queued again. */
    List<Run> supersededOf(java.util.Collection<Run> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<String, Job> jobs = new java.util.HashMap<>();
        jdbc.query("SELECT * FROM jobs WHERE id IN (:ids)", Map.of("ids", runs.stream().map(Run::jobId).toList()), MAPPER)
                .forEach(j -> jobs.put(j.id(), j));
        return runs.stream().filter(r -> jobs.containsKey(r.jobId()) && r.isSupersededIn(jobs.get(r.jobId()))).toList();
    }

    /**
     * The running job lost its worker: queued again as a redelivery, which gives back the attempt the lost worker had
     * started (a vanished worker is not a failure) and counts against the job's redelivery budget instead.
     * Only from {@code expected} (the state the caller saw), so two processes noticing the same loss move it once.
     */
    boolean redeliver(String jobId, Instant now, Instant seenHeartbeat) {
        return 1 == jdbc.update("UPDATE jobs SET status = 'queued', queued_at = :now, heartbeat_at = :now, held_by = :holder, "
                + "redeliveries = redeliveries + 1, attempt = CASE WHEN attempt > 0 THEN attempt - 1 ELSE 0 END "
                + "WHERE id = :id AND status = 'running' AND " + same("heartbeat_at", seenHeartbeat),
                new MapSqlParameterSource().addValue("id", jobId).addValue("now", Sql.ts(now)).addValue("holder", holder)
                        .addValue("heartbeat_at", seenHeartbeat == null ? null : Sql.ts(seenHeartbeat)));
    }

    /**
     * A queued job whose hand-off to the queue was lost, or whose holding process stopped: claims putting it on the
     * queue again, from the state the caller saw, so that one process does it.
     */
    boolean reclaimQueued(JobStore.Job seen, Instant now) {
        return 1 == jdbc.update("UPDATE jobs SET queued_at = :now, heartbeat_at = :now, held_by = :holder WHERE id = :id "
                + "AND status = 'queued' AND " + same("queued_at", seen.queuedAt()) + " AND " + same("heartbeat_at", seen.heartbeatAt()),
                new MapSqlParameterSource().addValue("id", seen.id()).addValue("now", Sql.ts(now)).addValue("holder", holder)
                        .addValue("queued_at", seen.queuedAt() == null ? null : Sql.ts(seen.queuedAt()))
                        .addValue("heartbeat_at", seen.heartbeatAt() == null ? null : Sql.ts(seen.heartbeatAt())));
    }

    /** The column still holds what was read (a parameter of the column's name). */
    private static String same(String column, Instant seen) {
        return seen == null ? column + " IS NULL" : column + " = :" + column;
    }

    /**
     * This process is alive, so it still holds the jobs waiting in its in-memory queue (one row, however many), and
     * it still runs these jobs (one row each). Also the round's contact with the store when it runs nothing.
     */
    void heartbeat(java.util.Collection<String> runningIds, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("now", Sql.ts(now)).addValue("holder", holder)
                .addValue("name", processName);
        if (jdbc.update("UPDATE job_holders SET heartbeat_at = :now WHERE id = :holder", p) == 0) {
            jdbc.update("INSERT INTO job_holders (id, name, heartbeat_at) VALUES (:holder, :name, :now)", p);
        }
        if (!runningIds.isEmpty()) {
            // only where this process still runs them: a job taken over while it stalled beats for its new worker
            jdbc.update("UPDATE jobs SET heartbeat_at = :now WHERE id IN (:ids) AND status = 'running' AND worker = :name",
                    p.addValue("ids", runningIds));
        }
    }

    /** Forgets processes silent since {@code before}: no job can name them any more but lost ones. */
    void forgetHolders(Instant before) {
        jdbc.update("DELETE FROM job_holders WHERE heartbeat_at < :before", Map.of("before", Sql.ts(before)));
    }

    /** Records an operator's cancel of a running job, so it holds wherever the job goes next. */
    boolean requestCancel(String jobId, Instant now) {
        return 1 == jdbc.update("UPDATE jobs SET cancel_requested_at = :now WHERE id = :id AND cancel_requested_at IS NULL "
                + "AND status IN ('queued', 'running', 'retrying')", Map.of("id", jobId, "now", Sql.ts(now)));
    }

    /** A job whose cancel was asked for ends cancelled here, if it has not ended otherwise. */
    boolean cancelIfRequested(String jobId, Instant now) {
        return 1 == jdbc.update("UPDATE jobs SET status = 'cancelled', finished_at = :now, next_attempt_at = NULL, "
                + "error = COALESCE(error, 'cancelled by an operator') WHERE id = :id AND cancel_requested_at IS NOT NULL "
                + "AND status IN (:from)", new MapSqlParameterSource().addValue("id", jobId).addValue("now", Sql.ts(now))
                .addValue("from", SOURCES.get(JobStatus.CANCELLED)));
    }

    /**
     * Queued jobs no process holds any more: put on an in-memory queue before {@code stale} by a process that has
     * not beaten since (it stopped or died), or by none.
     */
    List<Job> queuedWithoutHolder(Instant stale) {
        return jdbc.query("SELECT * FROM jobs j WHERE status = 'queued' AND (heartbeat_at IS NULL OR heartbeat_at < :stale) "
                + "AND NOT EXISTS (SELECT 1 FROM job_holders h WHERE h.id = j.held_by AND h.heartbeat_at >= :stale) "
                + "ORDER BY created_at", Map.of("stale", Sql.ts(stale)), MAPPER);
    }

    /** Queued longer than {@code before}: the transport should have handed them to a worker by now. */
    List<Job> queuedSince(Instant before) {
        return jdbc.query("SELECT * FROM jobs WHERE status = 'queued' AND queued_at < :before ORDER BY created_at",
                Map.of("before", Sql.ts(before)), MAPPER);
    }

    /** Running with a heartbeat older than {@code stale}: their worker is gone. */
    List<Job> runningWithoutHeartbeat(Instant stale) {
        return jdbc.query("SELECT * FROM jobs WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < :stale) "
                + "ORDER BY created_at", Map.of("stale", Sql.ts(stale)), MAPPER);
    }

    /** The newest chained run for the issue that has a job still to finish, if any. */
    public Optional<String> unfinishedChain(LocalDate issueDate) {
        return jdbc.queryForList("SELECT chain_id FROM jobs WHERE issue_date = :d AND chain_id IS NOT NULL "
                + "AND status IN ('queued', 'running', 'retrying') ORDER BY created_at DESC", Map.of("d", issueDate), String.class)
                .stream().findFirst();
    }

    /** A running job's progress line, e.g. "decoration 3/5 slots". */
    public void progress(String jobId, String text) {
        jdbc.update("UPDATE jobs SET progress = :p WHERE id = :id AND status = 'running'", Map.of("p", text, "id", jobId));
    }

    public Optional<Job> find(String jobId) {
        return jdbc.query("SELECT * FROM jobs WHERE id = :id", Map.of("id", jobId), MAPPER).stream().findFirst();
    }

    /** Jobs newest first, optionally filtered by step and status. */
    public List<Job> list(String step, String status, int limit, int offset) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("step", step).addValue("status", status)
                .addValue("limit", limit).addValue("offset", offset);
        return jdbc.query("SELECT * FROM jobs WHERE (CAST(:step AS VARCHAR(40)) IS NULL OR step = :step) "
                + "AND (CAST(:status AS VARCHAR(20)) IS NULL OR status = :status) "
                + "ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset", p, MAPPER);
    }

    public long count(String step, String status) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("step", step).addValue("status", status);
        return jdbc.queryForObject("SELECT COUNT(*) FROM jobs WHERE (CAST(:step AS VARCHAR(40)) IS NULL OR step = :step) "
                + "AND (CAST(:status AS VARCHAR(20)) IS NULL OR status = :status)", p, Long.class);
    }

    public List<Job> withStatus(JobStatus... statuses) {
        return jdbc.query("SELECT * FROM jobs WHERE status IN (:s) ORDER BY created_at",
                Map.of("s", java.util.Arrays.stream(statuses).map(JobStatus::id).toList()), MAPPER);
    }

    /** Jobs waiting in the store whose time has come: retries whose backoff has run out, scheduled jobs. */
    List<Job> dueRetries(Instant now) {
        return jdbc.query("SELECT * FROM jobs WHERE status IN ('retrying', 'scheduled') AND next_attempt_at <= :now "
                        + "ORDER BY next_attempt_at",
                Map.of("now", Sql.ts(now)), MAPPER);
    }

    /** Queued jobs per queue name. */
    public Map<String, Long> queuedPerQueue() {
        Map<String, Long> depth = new java.util.LinkedHashMap<>();
        for (Step.Queue q : Step.Queue.values()) {
            depth.put(q.id(), 0L);
        }
        jdbc.query("SELECT queue, COUNT(*) AS n FROM jobs WHERE status = 'queued' GROUP BY queue",
                rs -> { depth.put(rs.getString("queue"), rs.getLong("n")); });
        return depth;
    }
}
