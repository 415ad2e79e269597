package aieditor.queue;

import aieditor.pipeline.HeldJobs;
import aieditor.pipeline.Step;

import java.util.Optional;
import java.util.Set;

/**
 * What the queue health check and job recovery ask of the transport between steps; each transport (SEDA, Redis)
 * answers in its own terms.
 */
public interface QueueTransport extends HeldJobs {
    /** The transport's name as health details show it, e.g. "seda". */
    String name();

    /** Why jobs on the queue would not be taken now, or empty when a started consumer is reading it. */
    Optional<String> problem(Step.Queue queue);

    /** An in-memory queue cannot tell: it is held by one process, whose heartbeats on its jobs say so instead. */
    @Override
    default Optional<Set<String>> jobsHeld() {
        return Optional.empty();
    }
}
