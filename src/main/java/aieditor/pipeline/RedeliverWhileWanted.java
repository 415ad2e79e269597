package aieditor.pipeline;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * When the dead-letter channel may redeliver a failed processor in place: while redeliveries are left, and never for
 * a job that was asked to stop (cancelled, timed out) - its calls would only be wasted, and it is not wanted - nor
 * for a fatal error or a {@link PermanentFailure}, which a redelivery would only meet again, nor for a step that
 * already retried in place and asks for the job's retry ({@link RetryJobLater}).
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
        String jobId = exchange.getMessage().getHeader(JobHeaders.JOB_ID, String.class);
        // Camel counts the redelivery about to be made before it asks
        int next = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        Throwable failure = failure(exchange);
        return next <= maxRedeliveries && (jobId == null || !control.stopRequested(jobId))
                && !JobRetries.isFatal(failure) && !JobRetries.isPermanent(failure) && !asksForTheJobsRetry(failure);
    }

    // the error handler has usually moved the failure to CamelExceptionCaught by the time it asks
    private static Throwable failure(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static boolean asksForTheJobsRetry(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryJobLater) {
                return true;
            }
        }
        return false;
    }
}
