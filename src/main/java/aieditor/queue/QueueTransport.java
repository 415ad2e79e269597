package aieditor.queue;

import aieditor.pipeline.Step;

import java.util.Optional;
import java.util.Set;

/**
 * What the queue health check and job recovery ask of the transport between steps; each transport (SEDA, Redis)
 * answers in its own terms.
 */
public interface QueueTransport {
    /** The transport's name as health details show it, e.g. "seda". */
    String name();

    /** Why jobs on the queue would not be taken now, or empty when a started consumer is reading it. */
    Optional<String> problem(Step.Queue queue);

    /**
     * The ids of the jobs the transport holds, waiting or handed to a worker, read in one consistent step (job
     * recovery looks for lost hand-offs with it); empty when it cannot tell, as an in-memory queue, held by one
     * process whose heartbeats on its jobs say so instead.
     */
    default Optional<Set<String>> jobsHeld() {
        return Optional.empty();
    }
}
