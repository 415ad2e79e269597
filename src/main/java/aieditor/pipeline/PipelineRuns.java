package aieditor.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chained runs in progress in this process, so the one-shot `run` command can wait for its chain to end and
 * report what each step did.
 */
public final class PipelineRuns {
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public record StepOutcome(Step step, StepResult result) {
    }

    public record Outcome(boolean succeeded, List<StepOutcome> steps, String failure) {
    }

    private static final class Run {
        final List<StepOutcome> steps = new ArrayList<>();
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
    }

    /** Registers a chain before its first job is queued; the future completes when the chain ends. */
    public CompletableFuture<Outcome> begin(String chainId) {
        Run run = new Run();
        runs.put(chainId, run);
        return run.done;
    }

    void stepCompleted(String chainId, Step step, StepResult result) {
        Run run = runs.get(chainId);
        if (run != null) {
            synchronized (run.steps) {
                run.steps.add(new StepOutcome(step, result));
            }
        }
    }

    void finished(String chainId) {
        end(chainId, true, null);
    }

    void failed(String chainId, Step step, String error) {
        end(chainId, false, step.id() + ": " + error);
    }

    private void end(String chainId, boolean ok, String failure) {
        Run run = runs.remove(chainId);
        if (run != null) {
            synchronized (run.steps) {
                run.done.complete(new Outcome(ok, List.copyOf(run.steps), failure));
            }
        }
    }
}
