package aieditor.pipeline;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the job-signals route (routes/jobs.camel.yaml) once the application is up, and keeps trying while it cannot:
 * over Redis its consumer SUBSCRIBEs at start, and with Redis down that failed the whole start, so a worker started
 * during a Redis outage exited instead of waiting for Redis as its queue does. A signal missed meanwhile loses
 * nothing: a cancel is stored on the job and is seen at the job's next safe point.
 */
public final class SignalListening implements ExtendedStartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(SignalListening.class);
    static final String ROUTE = "job-signals";

    private final Duration retry;
    private ScheduledExecutorService retries;

    public SignalListening(Duration retry) {
        this.retry = retry;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes are not all started yet: wait for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (context.getRoute(ROUTE) == null || tryStart(context, true)) {
            return;
        }
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-signals-start");
            t.setDaemon(true);
            return t;
        });
        retries.scheduleWithFixedDelay(() -> {
            if (context.isStopping() || context.isStopped() || tryStart(context, false)) {
                retries.shutdown();
            }
        }, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean tryStart(CamelContext context, boolean first) {
        try {
            context.getRouteController().startRoute(ROUTE);
            if (!first) {
                LOG.info("Listening for job signals (stop requests) again.");
            }
            return true;
        } catch (Exception e) {
            if (first) {
                LOG.warn("Cannot listen for job signals yet ({}); trying every {} s. Cancels are stored and still seen "
                        + "at each job's next safe point.", rootMessage(e), retry.toSeconds());
            }
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? "no answer" : t.getMessage();
    }
}
