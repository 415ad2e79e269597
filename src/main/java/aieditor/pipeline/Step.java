package aieditor.pipeline;

/**
 * One step of the chain, as configuration defines it ({@link Steps}): its id, which is also its route's id and the
 * name of its route file routes/&lt;id&gt;.camel.yaml, the label its log lines start with, and the queue its jobs wait on.
 */
public record Step(String id, String label, Queue queue) {

    /** The job queues, most urgent first: a free worker takes the oldest job of the most urgent one. */
    public enum Queue {
        HIGH, DEFAULT, LOW;

        public String id() {
            return name().toLowerCase();
        }

        /** The queue with this id; an unknown id is a start-up error naming the setting it came from. */
        static Queue of(String id, String setting) {
            for (Queue q : values()) {
                if (q.id().equals(id)) {
                    return q;
                }
            }
            throw new IllegalArgumentException(setting + " must be high, default or low, got '" + id + "'");
        }
    }
}
