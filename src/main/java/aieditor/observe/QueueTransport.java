package aieditor.observe;

import aieditor.pipeline.Step;

import java.util.Optional;

/**
 * What the queue health check asks of the transport between steps; each transport (SEDA here, Redis later)
 * answers in its own terms.
 */
public interface QueueTransport {
    /** The transport's name as health details show it, e.g. "seda". */
    String name();

    /** Why jobs on the queue would not be taken now, or empty when a started consumer is reading it. */
    Optional<String> problem(Step.Queue queue);

    /**
     * The ids of the jobs the transport holds, waiting or handed to a worker, read in one consistent step; empty when
     * it cannot tell (an in-memory queue is held by one process, whose heartbeats on its jobs say so instead).
     */
    default Optional<java.util.Set<String>> jobsHeld() {
        return Optional.empty();
    }
}
