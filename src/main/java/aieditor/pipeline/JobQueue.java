package aieditor.pipeline;

import org.apache.camel.Exchange;

import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * The embedded transport's queue: one in-memory queue for all jobs, ordered by the seed's priorities (high, then
 * default, then low) and first-in, first-out within a priority. With every worker busy, the next free worker takes
 * the most urgent job.
 */
public final class JobQueue extends PriorityBlockingQueue<Exchange> {
    private static final Comparator<Exchange> ORDER = Comparator
            .comparingInt((Exchange e) -> priority(e.getMessage().getHeader(Jobs.QUEUE, String.class)))
            .thenComparingLong(e -> e.getMessage().getHeader(Jobs.SEQUENCE, Long.MAX_VALUE, Long.class));

    public JobQueue() {
        super(64, ORDER);
    }

    static int priority(String queue) {
        for (Step.Queue q : Step.Queue.values()) {
            if (q.id().equals(queue)) {
                return q.ordinal();
            }
        }
        return Step.Queue.values().length;
    }
}
