package aieditor.pipeline;

import org.apache.camel.Handler;
import org.apache.camel.Header;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs running in this process: their deadlines, the threads working for them, and whether they were asked
 * to stop. Steps call {@link #checkpoint} at safe points (between articles, between slots); a stop request makes
 * the next checkpoint throw, and interrupts the job's threads so a blocked call (a provider request, a query)
 * gives up instead of holding the job.
 */
public final class JobControl {
    private record Running(JobStore.Run run, Instant deadline) {
        String jobId() {
            return run.jobId();
        }
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stopRequests = new ConcurrentHashMap<>();
    /**
     * Which job each thread is working for, registered at checkpoints. The worker thread of a parallel step only
     * waits for its branches, so it is not interrupted; the branch threads doing the calls are.
     */
    private final Map<Thread, String> threads = new ConcurrentHashMap<>();

    /**
     * Jobs this process let go of while it still ran them: handed back to the queue while stopping, or taken over
     * by another worker while this one stalled. Whatever still happens to them here is moot.
     */
    private final Map<String, Boolean> givenUp = new ConcurrentHashMap<>();

    void started(JobStore.Run run, Instant deadline) {
        givenUp.remove(run.jobId()); // a new run here: whatever this process let go of before was an earlier run
        running.put(run.jobId(), new Running(run, deadline));
    }

    void giveUp(String jobId) {
        givenUp.put(jobId, true);
    }

    boolean isGivenUp(String jobId) {
        return jobId != null && givenUp.containsKey(jobId);
    }

    /** The run of the job this process is in, while it runs it. */
    Optional<JobStore.Run> run(String jobId) {
        Running r = jobId == null ? null : running.get(jobId);
        return r == null ? Optional.empty() : Optional.of(r.run());
    }

    /** The runs of the jobs this process runs now. */
    List<JobStore.Run> runs() {
        return running.values().stream().map(Running::run).toList();
    }

    void finished(String jobId) {
        running.remove(jobId);
        stopRequests.remove(jobId);
        threads.values().removeIf(jobId::equals);
        Thread.interrupted(); // an interrupt aimed at this job must not hit the worker's next job
    }

    /** A safe point: throws when the job was asked to stop. */
    @Handler
    public void checkpoint(@Header(JobHeaders.JOB_ID) String jobId) {
        if (jobId == null) {
            return;
        }
        Boolean timedOut = stopRequests.get(jobId);
        if (timedOut != null) {
            throw new JobStoppedException(jobId, timedOut);
        }
        // a new unit of work: an interrupt left over from an earlier job is not meant for it
        Thread.interrupted();
        threads.put(Thread.currentThread(), jobId);
    }

    /** Asks a job running here to stop; returns false when it is not running in this process. */
    boolean requestStop(String jobId, boolean timedOut) {
        if (!running.containsKey(jobId)) {
            return false;
        }
        stopRequests.putIfAbsent(jobId, timedOut);
        threads.forEach((thread, job) -> {
            if (job.equals(jobId)) {
                thread.interrupt();
            }
        });
        onStop.accept(jobId);
        return true;
    }

    private volatile java.util.function.Consumer<String> onStop = jobId -> { };

    /** Also done when a job is asked to stop: e.g. cutting off its HTTP calls in flight, which interrupts do not end. */
    public void onStop(java.util.function.Consumer<String> action) {
        this.onStop = action;
    }

    public boolean stopRequested(String jobId) {
        return stopRequests.containsKey(jobId);
    }

    /** The stop asked of a job running here: true when it timed out, false when cancelled, null when none. */
    Boolean stopRequest(String jobId) {
        return jobId == null ? null : stopRequests.get(jobId);
    }

    List<String> overdue(Instant now) {
        return running.values().stream().filter(r -> now.isAfter(r.deadline()) && !stopRequests.containsKey(r.jobId()))
                .map(Running::jobId).toList();
    }

    public int runningCount() {
        return running.size();
    }

    /** The jobs this process runs now. */
    java.util.Set<String> runningIds() {
        return java.util.Set.copyOf(running.keySet());
    }

    boolean isRunning(String jobId) {
        return running.containsKey(jobId);
    }
}
