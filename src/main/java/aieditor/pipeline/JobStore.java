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
import java.util.Optional;

/**
 * The jobs table. Every status change is a compare-and-set guarded by {@link JobStatus}: it only happens from a
 * state that allows it, so two workers, a watchdog and an operator can race without corrupting a job.
 */
public final class JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

    public record Job(String id, String step, String queue, JobStatus status, LocalDate issueDate, String chainId,
                      String trigger, String params, int attempt, int maxAttempts, String progress, String result,
                      String error, String worker, Instant createdAt, Instant startedAt, Instant finishedAt,
                      Instant nextAttemptAt) {
    }

    private static final RowMapper<Job> MAPPER = (rs, i) -> new Job(rs.getString("id"), rs.getString("step"),
            rs.getString("queue"), JobStatus.of(rs.getString("status")), Sql.date(rs, "issue_date"),
            rs.getString("chain_id"), rs.getString("trigger_kind"), rs.getString("params"), rs.getInt("attempt"),
            rs.getInt("max_attempts"), rs.getString("progress"), rs.getString("result"), rs.getString("error"),
            rs.getString("worker"), Sql.instant(rs, "created_at"), Sql.instant(rs, "started_at"),
            Sql.instant(rs, "finished_at"), Sql.instant(rs, "next_attempt_at"));

    /** For each state, the ids of the states a job may reach it from. */
    private static final Map<JobStatus, List<String>> SOURCES = new java.util.EnumMap<>(JobStatus.class);

    static {
        for (JobStatus to : JobStatus.values()) {
            SOURCES.put(to, JobStatus.sourcesOf(to).stream().map(JobStatus::id).toList());
        }
    }

    private final NamedParameterJdbcTemplate jdbc;

    public JobStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(MapSqlParameterSource p) {
        jdbc.update("INSERT INTO jobs (id, step, queue, status, issue_date, chain_id, trigger_kind, params, attempt, "
                + "max_attempts, created_at, fire_time) VALUES (:id, :step, :queue, 'queued', :date, :chain, :trigger, :params, 0, "
                + ":max, :now, :fire)", p);
    }

    /**
     * Moves the job to {@code to} and sets the given columns, if its current state allows the move.
     * Returns false (and says why in the log) when it does not.
     */
    boolean transition(String jobId, JobStatus to, Map<String, Object> columns) {
        MapSqlParameterSource p = new MapSqlParameterSource(columns).addValue("id", jobId).addValue("to", to.id())
                .addValue("from", SOURCES.get(to));
        StringBuilder set = new StringBuilder("status = :to");
        columns.keySet().forEach(c -> set.append(", ").append(c).append(" = :").append(c));
        int updated = jdbc.update("UPDATE jobs SET " + set + " WHERE id = :id AND status IN (:from)", p);
        if (updated == 0) {
            String current = find(jobId).map(j -> j.status().id()).orElse("missing");
            LOG.info("Job {} stays {}: a move to {} is not allowed from there.", jobId, current, to.id());
        }
        return updated == 1;
    }

    /**
     * A worker takes the queued job: running, on this worker, one more attempt - if it is still queued. False when it
     * is no longer queued (cancelled, or taken by another worker).
     */
    boolean start(String jobId, Instant now, String worker) {
        return 1 == jdbc.update("UPDATE jobs SET status = 'running', started_at = :now, worker = :worker, "
                + "attempt = attempt + 1 WHERE id = :id AND status IN (:from)", new MapSqlParameterSource()
                .addValue("id", jobId).addValue("now", Sql.ts(now)).addValue("worker", worker)
                .addValue("from", SOURCES.get(JobStatus.RUNNING)));
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

    /** Jobs waiting to retry whose backoff has run out. */
    List<Job> dueRetries(Instant now) {
        return jdbc.query("SELECT * FROM jobs WHERE status = 'retrying' AND next_attempt_at <= :now ORDER BY next_attempt_at",
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
