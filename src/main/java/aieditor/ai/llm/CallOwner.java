package aieditor.ai.llm;

import java.time.LocalDate;

/**
 * Who a model call is for: the job and the issue it works on. A step sets it around its provider calls, on the
 * thread that calls the provider (a slot's pool thread, say), from its exchange's jobId and issueDate headers; the
 * client then carries the job id in the headers of the vendor route's exchange, which runs on another thread, and
 * records the call in llm_usage under both.
 * <pre>{@code try (CallOwner.Scope owner = CallOwner.enter(jobId, issueDate)) { provider.decorate(...); }}</pre>
 */
public record CallOwner(String jobId, LocalDate issueDate) {
    /** Calls made outside any job (tests, tools): recorded without a job or an issue, never refused. */
    public static final CallOwner NONE = new CallOwner(null, null);

    private static final ThreadLocal<CallOwner> CURRENT = new ThreadLocal<>();

    /** Attributes this thread's model calls to the job and issue until the scope is closed (on this thread). */
    public static Scope enter(String jobId, LocalDate issueDate) {
        CallOwner before = CURRENT.get();
        CURRENT.set(new CallOwner(jobId, issueDate));
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** Whom this thread's calls are for now; {@link #NONE} outside a scope. */
    public static CallOwner current() {
        CallOwner owner = CURRENT.get();
        return owner == null ? NONE : owner;
    }

    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
