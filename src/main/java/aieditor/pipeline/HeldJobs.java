package aieditor.pipeline;

import java.util.Optional;
import java.util.Set;

/** What job recovery asks of the transport that carries jobs between steps, to find the hand-offs it lost. */
public interface HeldJobs {
    /**
     * The ids of the jobs the transport holds, waiting or handed to a worker, read in one consistent step; empty when
     * it cannot tell.
     */
    Optional<Set<String>> jobsHeld();
}
