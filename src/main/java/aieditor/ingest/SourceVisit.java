package aieditor.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * What one read of a source found out about it besides its articles: when it started and how long it took, what the
 * server answered, the validators for the next conditional GET, the feed's own title, and until when its host asked
 * not to be fetched. Filled in on the ingest thread that reads the source, stored with the source's health when its
 * turn to be stored comes ({@link IngestStep#store}).
 */
public final class SourceVisit {
    /** Exchange property the visit travels under in the read branch. */
    public static final String PROPERTY = "sourceVisit";

    /** Conditional GET validators of a feed URL: what to send as If-None-Match and If-Modified-Since. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    private final Instant started;
    private final Validators previous;
    private volatile String status;
    private volatile Validators received;
    private volatile String feedTitle;
    private volatile Instant notBefore;
    private volatile long durationMs = -1;

    public SourceVisit(Instant started, Validators previous) {
        this.started = started;
        this.previous = previous == null ? Validators.NONE : previous;
    }

    public Instant started() {
        return started;
    }

    /** The validators the last successful read left, sent with this fetch. */
    public Validators previous() {
        return previous;
    }

    /** "200", "304 not modified", "429", "file", "folder", "airtable"; null when the source was never reached. */
    public String status() {
        return status;
    }

    void status(String status) {
        this.status = status;
    }

    public boolean notModified() {
        return "304 not modified".equals(status);
    }

    /** The validators of this answer; null when it sent none (or was not a 200), so the previous ones stay. */
    public Validators received() {
        return received;
    }

    void received(Validators validators) {
        this.received = validators;
    }

    public String feedTitle() {
        return feedTitle;
    }

    void feedTitle(String title) {
        this.feedTitle = title;
    }

    /** Until when the source's host asked (429/503 with Retry-After) not to be fetched; null when it did not. */
    public Instant notBefore() {
        return notBefore;
    }

    void notBefore(Instant until) {
        this.notBefore = until;
    }

    /** Ends the read: its duration is from the start to now. */
    void finish(Instant now) {
        if (durationMs < 0) {
            durationMs = Duration.between(started, now).toMillis();
        }
    }

    public long durationMs() {
        return Math.max(durationMs, 0);
    }
}
