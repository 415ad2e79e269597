package aieditor.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * When the dead-letter channel may redeliver a failed processor in place: while redeliveries are left, and never for
 * a job that was asked to stop (cancelled, timed out) - its calls would only be wasted, and it is not wanted - nor
 * for a failure no retry can fix ({@link PermanentFailure}).
 */
public final class RedeliverWhileWanted implements Predicate {
    private final JobControl control;
    private final int maxRedeliveries;

    public RedeliverWhileWanted(JobControl control, int maxRedeliveries) {
        this.control = control;
        this.maxRedeliveries = maxRedeliveries;
    }

    @Override
    public boolean matches(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(Jobs.JOB_ID, String.class);
        // Camel counts the redelivery about to be made before it asks
        int next = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Throwable failure = failure(exchange);
        return next <= maxRedeliveries && (jobId == null || !control.stopRequested(jobId))
                && !Jobs.isFatal(failure) && !Jobs.isPermanent(failure);
    }

    /** The error handler has moved the exception to CamelExceptionCaught by the time it asks. */
    private static Throwable failure(Exchange exchange) {
        Throwable e = exchange.getException();
        return e != null ? e : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
