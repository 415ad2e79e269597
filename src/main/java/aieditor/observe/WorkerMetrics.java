package aieditor.observe;

import aieditor.pipeline.JobEvents;
import aieditor.pipeline.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's worker meters: tasks by step and outcome, task duration, errors, and queue depth. Prometheus adds
 * {@code _total} to counters and {@code _seconds} to the timer, which is why the names here carry neither.
 */
public final class WorkerMetrics implements JobEvents {
    private final MeterRegistry registry;
    private final Map<Step, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public WorkerMetrics(MeterRegistry registry, QueueDepths depths) {
        this.registry = registry;
        for (Step.Queue queue : Step.Queue.values()) {
            Gauge.builder("worker_queue_size", depths, d -> d.depth(queue.id())).strongReference(true)
                    .description("Jobs waiting on the queue").tag("type", queue.id()).register(registry);
        }
        // Series that exist from the start make rate() and increase() right on the first job.
        for (Step step : Step.values()) {
            tasks(step.id(), COMPLETED);
            tasks(step.id(), DEAD);
            errors(step.id());
        }
    }

    /** Counts the job and times it from when its worker started it. */
    @Override
    public void completed(Step step, Instant started) {
        tasks(step.id(), COMPLETED).increment();
        if (started != null) {
            durations.computeIfAbsent(step, s -> Timer.builder("worker_task_duration")
                    .description("Time from a worker taking a job to its end").tag("type", s.id())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                    .register(registry)).record(Duration.between(started, Instant.now()));
        }
    }

    @Override
    public void dead(Step step) {
        tasks(step.id(), DEAD).increment();
        errors(step.id()).increment();
    }

    @Override
    public void task(String type, String status) {
        tasks(type, status).increment();
    }

    private Counter tasks(String type, String status) {
        return counters.computeIfAbsent(type + "/" + status, k -> Counter.builder("worker_tasks")
                .description("Jobs that ended or changed state, by step and status")
                .tag("type", type).tag("status", status).register(registry));
    }

    private Counter errors(String type) {
        return Counter.builder("worker_errors").description("Jobs that failed for good, by step")
                .tag("type", type).register(registry);
    }
}
