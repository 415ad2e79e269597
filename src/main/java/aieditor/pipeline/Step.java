package aieditor.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's steps in chain order, with the seed's log label and queue priority. This is the one place that
 * says which steps exist, in which order they run and on which queue; routes are named after {@link #id()}.
 */
public enum Step {
    INGEST("ingest", "Step 0", Queue.DEFAULT),
    AI_SCORING("ai_scoring", "Step 0b", Queue.DEFAULT),
    PREFILTER("prefilter", "Step 1", Queue.DEFAULT),
    SLOT_SELECTION("slot_selection", "Step 2", Queue.HIGH),
    DECORATION("decoration", "Step 3", Queue.DEFAULT),
    IMAGES("images", "Step 3b", Queue.DEFAULT),
    HTML_COMPILE("html_compile", "Step 4", Queue.DEFAULT),
    MAUTIC_SEND("mautic_send", "Step 4b", Queue.HIGH),
    SOCIAL_SYNC("social_sync", "Step 5", Queue.LOW);

    /** Queue names as the seed's workers know them, highest priority first. */
    public enum Queue {
        HIGH, DEFAULT, LOW;

        public String id() {
            return name().toLowerCase();
        }
    }

    private final String id;
    private final String label;
    private final Queue queue;

    Step(String id, String label, Queue queue) {
        this.id = id;
        this.label = label;
        this.queue = queue;
    }

    public String id() {
        return id;
    }

    /** The seed's log prefix without brackets, e.g. "Step 3b". */
    public String label() {
        return label;
    }

    public Queue queue() {
        return queue;
    }

    /** The step a chained run goes to after this one, if any. */
    public Optional<Step> next() {
        int n = ordinal() + 1;
        return n < values().length ? Optional.of(values()[n]) : Optional.empty();
    }

    public static Optional<Step> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Step::id).toList();
    }
}
